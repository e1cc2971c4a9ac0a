// Shared by this lib's e2e tests; not part of the package (see "files" in package.json).
import type { LoggerService } from '@nestjs/common';

export { deleteKeysUnder, redisConnection } from '@webnovel/testing';

export const quiet: LoggerService = { log() {}, warn() {}, error() {}, debug() {}, verbose() {} };
