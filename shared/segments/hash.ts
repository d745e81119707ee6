/**
 * The §5 definition hash: `sha256:` + hex SHA-256 of the UTF-8 canonical JSON of `definition`
 * exactly as it stands in the file (pass the raw parsed JSON, not a schema library's output).
 */
import { canonicalJson } from './canonicalJson';
import { sha256HexOfString } from './sha256';

export function hashDefinition(definition: unknown): string {
  return `sha256:${sha256HexOfString(canonicalJson(definition))}`;
}
