/**
 * Registers a Ponder indexing function for every event of every contract in the deployment record: the event's raw
 * row in `chainEvent`, then its entity handler (src/handlers.ts).
 */
import { ponder } from "ponder:registry";
import { replaceBigInts } from "ponder";
import * as schema from "ponder:schema";
import { createHandlers, eventId, type IndexedEvent, type IndexingContext } from "./handlers";
import type { IndexedContract } from "../contracts";
import config from "../ponder.config";

type Registry = { on(name: string, fn: (args: { event: IndexedEvent; context: unknown }) => Promise<void>): void };

const HANDLERS = createHandlers(schema);

for (const contract of Object.keys(config.contracts) as IndexedContract[]) {
  for (const [name, handler] of Object.entries(HANDLERS[contract])) {
    (ponder as unknown as Registry).on(`${contract}:${name}`, async ({ event, context }) => {
      const ctx = context as IndexingContext;
      await ctx.db.insert(schema.chainEvent).values({
        id: eventId(event),
        contract,
        name,
        address: event.log.address.toLowerCase(),
        blockNumber: event.block.number,
        blockTimestamp: event.block.timestamp,
        transactionHash: event.transaction.hash,
        logIndex: event.log.logIndex,
        args: replaceBigInts(event.args, (v) => v.toString()),
      });
      await handler(event, ctx);
    });
  }
}
