/**
 * The tool's version, from package.json at build time. A named import: esbuild then inlines this one field, not the
 * whole manifest (28 KB of contributes that every `llm-compare` start would parse).
 */
import { version } from '../../package.json';

export const VERSION: string = version;
