import {
  BadRequestException,
  Catch,
  ConflictException,
  ServiceUnavailableException,
  type ArgumentsHost,
  type ExceptionFilter,
  type HttpException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  DeadLetterHandlerMissingError,
  EventDeliveryUnavailableError,
  InvalidDeadLetterQueryError,
  InvalidMonitoringQueryError,
} from '@webnovel/events';

type DeadLetterError =
  InvalidDeadLetterQueryError | InvalidMonitoringQueryError | DeadLetterHandlerMissingError | EventDeliveryUnavailableError;

/**
 * Answers the `DeadLetters` and `EventsMonitor` services' errors with their HTTP status, so the service stays free of HTTP types:
 * an invalid query is a 400 listing each problem (the same shape as a validation error), a dead letter whose handler
 * this app lacks is a 409, and a delivery driver that is shutting down or unreachable is a 503.
 */
@Catch(InvalidDeadLetterQueryError, InvalidMonitoringQueryError, DeadLetterHandlerMissingError, EventDeliveryUnavailableError)
export class DeadLetterErrorsFilter implements ExceptionFilter<DeadLetterError> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: DeadLetterError, host: ArgumentsHost): void {
    const exception = toHttpException(error);
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), exception.getResponse(), exception.getStatus());
  }
}

function toHttpException(error: DeadLetterError): HttpException {
  if (error instanceof InvalidDeadLetterQueryError || error instanceof InvalidMonitoringQueryError)
    return new BadRequestException([...error.problems]);
  if (error instanceof DeadLetterHandlerMissingError) {
    return new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: error.message,
      id: error.deadLetterId,
      handler: error.handler,
    });
  }
  return new ServiceUnavailableException(error.message);
}
