#!/usr/bin/env node
// Writes docs/events.md from the event catalog and its upcasters, so the reference cannot drift from the payload classes.
// Run it through `npm run docs:events`, which builds first; test/src/docs/events-doc.spec.ts fails when the file is stale.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { webNovelCatalog, webNovelUpcasters } from '@webnovel/contracts';
import { renderCatalogMarkdown } from '@webnovel/events';

const target = new URL('../docs/events.md', import.meta.url);
writeFileSync(target, renderCatalogMarkdown(webNovelCatalog, { upcasters: webNovelUpcasters }));
console.log(`Wrote ${target.pathname} (${webNovelCatalog.types().length} event types, ${webNovelUpcasters.length} upcasters).`);
