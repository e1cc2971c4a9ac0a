// Public API of @webnovel/events-rabbitmq.
export {};
