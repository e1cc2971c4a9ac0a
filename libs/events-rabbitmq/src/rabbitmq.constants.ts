/** The transport's name in records, metric labels and dead-letter ids (`<event id>.rabbitmq.<service>`). */
export const RABBITMQ_TRANSPORT_NAME = 'rabbitmq';
