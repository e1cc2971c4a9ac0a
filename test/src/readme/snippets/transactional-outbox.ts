// README "PostgreSQL": appending events inside the caller's own transaction.
import { bookPurchased } from '@webnovel/contracts';
import type { PostgresEventStore } from '@webnovel/events-postgres';
import type { Pool } from 'pg';

/** Inserts an order and logs its event in one transaction. */
export async function placeOrder(pool: Pool, store: PostgresEventStore, order: { id: string; userId: string; bookId: string }) {
  // #region transaction
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO orders (id, user_id, amount) VALUES ($1, $2, $3)', [order.id, order.userId, 1999]);
    const event = bookPurchased({ order_id: order.id, user_id: order.userId, book_id: order.bookId, amount: 1999, currency: 'CNY' });
    await store.append(event, { transaction: client });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK'); // leaves no event behind
    throw error;
  } finally {
    client.release();
  }
  // #endregion
}
