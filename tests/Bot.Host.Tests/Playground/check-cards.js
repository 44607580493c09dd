// Parses cards with the official Adaptive Cards renderer (the bundle the web chat serves) and prints,
// as JSON, every warning or error the renderer reports for each: unknown element or action types,
// invalid property values, unsupported versions.
// Usage: node check-cards.js <adaptivecards.min.js> <cards.json: [{"name", "card"}]>
'use strict';
const fs = require('fs');
const path = require('path');
const AC = require(path.resolve(process.argv[2]));
const cards = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const results = cards.map(({ name, card }) => {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    events.push({ phase: event.phase, event: event.event, message: event.message });
  }
  return { name, events, actions: parsed.getActionCount(), items: parsed.getItemCount() };
});
process.stdout.write(JSON.stringify(results));
