import { MAX_SUMMARY_WINDOW_MINUTES } from '@webnovel/events/internal';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { minutesFieldMessage } from '../events-admin.messages.js';

/** Query of `GET monitoring/summary`. */
export class MonitoringSummaryQueryDto {
  /** The window in whole minutes, the current one included. @default 15 (or the module's `summaryWindowMinutes`, if less) */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: minutesFieldMessage(MAX_SUMMARY_WINDOW_MINUTES) })
  @Min(1, { message: minutesFieldMessage(MAX_SUMMARY_WINDOW_MINUTES) })
  @Max(MAX_SUMMARY_WINDOW_MINUTES, { message: minutesFieldMessage(MAX_SUMMARY_WINDOW_MINUTES) })
  minutes?: number;
}
