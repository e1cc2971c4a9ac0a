import { applyDecorators, Controller, UseFilters, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import { DeadLetterErrorsFilter } from '../filters/dead-letter-errors.filter.js';
import { EventsAdminGuard } from '../guards/events-admin.guard.js';

/**
 * Marks an admin controller: guarded by the module's access rule, its input validated strictly and the core's
 * dead-letter errors answered with their status. Pipe and filter are scoped here rather than global, so the admin API
 * behaves the same whatever the host application configures, and it configures nothing for the application.
 */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(path),
    UseGuards(EventsAdminGuard),
    // Unknown fields are refused rather than dropped: a mistyped filter on purge must not widen what it deletes.
    UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true })),
    UseFilters(DeadLetterErrorsFilter),
  );
}
