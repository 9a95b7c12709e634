// At the top of src/ on purpose: relative to this file and to the bundled dist/*.js alike,
// ../demo is the package's demo folder.
/** The bundled demo posts, written by the team (a sample of the monitor's demo scenarios). */
export const DEMO_POSTS = new URL('../demo/posts.jsonl', import.meta.url);
