import { Catch, ConflictException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EmailTakenError } from './user.repository.js';

/** Answers {@link EmailTakenError} with 409, so the service and repository stay free of HTTP types. */
@Catch(EmailTakenError)
export class EmailTakenFilter implements ExceptionFilter<EmailTakenError> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: EmailTakenError, host: ArgumentsHost): void {
    const body = new ConflictException(error.message).getResponse();
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, HttpStatus.CONFLICT);
  }
}
