import { Injectable } from '@nestjs/common';
import type { User } from './user.model.js';
import { EmailTakenError, type UserRepository } from './user.repository.js';

/** The default {@link UserRepository}: a map per application instance, lost on restart. */
@Injectable()
export class InMemoryUserRepository implements UserRepository {
  private readonly byId = new Map<string, User>();
  /** Active accounts only, mirroring a partial unique index on `email WHERE deleted_at IS NULL`. */
  private readonly idByEmail = new Map<string, string>();

  async create(user: User): Promise<void> {
    if (this.idByEmail.has(user.email)) throw new EmailTakenError(user.email);
    this.byId.set(user.id, user);
    if (user.deletedAt === null) this.idByEmail.set(user.email, user.id);
  }

  async findById(id: string): Promise<User | undefined> {
    return this.byId.get(id);
  }

  async findActiveByEmail(email: string): Promise<User | undefined> {
    const id = this.idByEmail.get(email);
    return id === undefined ? undefined : this.byId.get(id);
  }

  async update(user: User): Promise<void> {
    const previous = this.byId.get(user.id);
    if (previous === undefined) throw new Error(`User ${user.id} does not exist; create it first.`);
    const owner = this.idByEmail.get(user.email);
    if (user.deletedAt === null && owner !== undefined && owner !== user.id) throw new EmailTakenError(user.email);
    if (this.idByEmail.get(previous.email) === user.id) this.idByEmail.delete(previous.email);
    if (user.deletedAt === null) this.idByEmail.set(user.email, user.id);
    this.byId.set(user.id, user);
  }
}
