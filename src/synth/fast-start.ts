/**
 * Imported first by main.ts, before cdktf loads. cdktf captures a full stack trace for every token it creates, and
 * with source maps on (tsx turns them on) each capture maps every frame back to TypeScript: about 15% of a synth's
 * time and memory. Stack traces of our own errors then point at tsx's JavaScript instead of the TypeScript source;
 * set LANDING_ZONE_DEBUG=1 to keep source maps when debugging.
 */
if (process.env.LANDING_ZONE_DEBUG === undefined) process.setSourceMapsEnabled(false);
