// libs/events-rabbitmq/README.md: the transport from EventsRabbitMqModule handed to the bus. Compiled only: the bus
// connects to the broker when the application starts.
import { webNovelCatalog } from '@webnovel/contracts';
import { EventsModule } from '@webnovel/events';
import { EventsRabbitMqModule, RabbitMqTransport } from '@webnovel/events-rabbitmq';

/** The application's event catalog. */
const catalog = webNovelCatalog;

// #region module
export const EventsOverRabbitMq = EventsModule.forRootAsync({
  imports: [EventsRabbitMqModule.forRoot({ url: 'amqp://guest:guest@localhost:5672' })],
  inject: [RabbitMqTransport],
  useFactory: (adapter: RabbitMqTransport) => ({ source: 'user-service', catalog, transport: { adapter, mode: 'remote' } }),
});
// #endregion
