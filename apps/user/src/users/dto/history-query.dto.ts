import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Query of `GET /users/:id/activity`. */
export class ActivityQueryDto {
  /** @default 20 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** Query of `GET /users/stats`. */
export class StatsQueryDto {
  /** How many UTC days the growth trend covers, today included. @default 7 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}
