import { Body, Delete, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { DeadLetters, type BulkReprocessResult, type DeadLetter } from '@webnovel/events';
import { DEFAULT_DEAD_LETTER_PAGE } from '@webnovel/events/internal';
import { DeadLetterIdParamsDto } from '../dto/dead-letter-id.dto.js';
import { DeadLetterListQueryDto } from '../dto/dead-letter-list.dto.js';
import { DeadLetterSelectionDto } from '../dto/dead-letter-selection.dto.js';
import { toDeadLetterFilter } from '../dto/dead-letter-filter.dto.js';
import { deadLetterNotFoundMessage } from '../events-admin.messages.js';
import { AdminController } from './admin-controller.decorator.js';

/** A page of dead letters with the page it is. */
export interface DeadLetterListView {
  readonly items: readonly DeadLetter[];
  /** Dead letters matching the filter, across all pages. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** Inspect, reprocess and delete the delivery driver's dead letters, one at a time or by filter. */
@AdminController('dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  /** `GET dead-letters?eventType=&handler=&from=&to=&limit=&offset=`: newest first. */
  @Get()
  async list(@Query() query: DeadLetterListQueryDto): Promise<DeadLetterListView> {
    const limit = query.limit ?? DEFAULT_DEAD_LETTER_PAGE;
    const offset = query.offset ?? 0;
    const page = await this.deadLetters.list(toDeadLetterFilter(query), { limit, offset });
    return { items: page.items, total: page.total, limit, offset };
  }

  /** `POST dead-letters/reprocess` with a filter or `{ all: true }`: each match goes back to its handler. */
  @Post('reprocess')
  @HttpCode(HttpStatus.OK)
  reprocessMatching(@Body() body: DeadLetterSelectionDto): Promise<BulkReprocessResult> {
    return this.deadLetters.reprocessMatching(toDeadLetterFilter(body));
  }

  /** `POST dead-letters/purge` with a filter or `{ all: true }`: deletes the matches without running them. */
  @Post('purge')
  @HttpCode(HttpStatus.OK)
  async purge(@Body() body: DeadLetterSelectionDto): Promise<{ purged: number }> {
    return { purged: await this.deadLetters.purge(toDeadLetterFilter(body)) };
  }

  /** `GET dead-letters/:id`: the dead letter with its event and last error, or 404. */
  @Get(':id')
  async get(@Param() { id }: DeadLetterIdParamsDto): Promise<DeadLetter> {
    const letter = await this.deadLetters.get(id);
    if (letter === undefined) throw new NotFoundException(deadLetterNotFoundMessage(id));
    return letter;
  }

  /** `POST dead-letters/:id/reprocess`: back to its handler with fresh attempts; 404, or 409 when this app lacks the handler. */
  @Post(':id/reprocess')
  @HttpCode(HttpStatus.OK)
  async reprocess(@Param() { id }: DeadLetterIdParamsDto): Promise<{ id: string; reprocessed: true }> {
    if (!(await this.deadLetters.reprocess(id))) throw new NotFoundException(deadLetterNotFoundMessage(id));
    return { id, reprocessed: true };
  }

  /** `DELETE dead-letters/:id`: 204, or 404. The handler does not run. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param() { id }: DeadLetterIdParamsDto): Promise<void> {
    if (!(await this.deadLetters.remove(id))) throw new NotFoundException(deadLetterNotFoundMessage(id));
  }
}
