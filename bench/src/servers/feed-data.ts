/**
 * The feed scenario's world (`platform.ts`, BENCH_SETUP=feed): SEGMENTS segments, each a rule on a tag;
 * ITEMS_PER_SEGMENT APP items aimed at each, and GENERAL items for everyone; a member in every segment
 * (all the tags) and one in none, both of store-sh-001.
 */
export const FEED_SEGMENTS = 40;
export const ITEMS_PER_SEGMENT = 4;
export const FEED_GENERAL = 40;
export const segmentTag = (i: number) => `feed-tag-${i}`;
