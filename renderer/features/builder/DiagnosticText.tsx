/**
 * A diagnostic as the builder shows it: the message in the user's words, led by the human name of
 * its place ("Condition 2 (mrr ≥ abc): …"), then its JSON path in small print for whoever edits the
 * file by hand. A message that still leads with its path is shown as it is.
 */
import type { Diagnostic } from '../../../shared/segments/model';

export function DiagnosticText({ d }: { d: Pick<Diagnostic, 'path' | 'message'> }) {
  const labelled = d.path !== '' && !d.message.startsWith(`${d.path}: `);
  return (
    <>
      {d.message}
      {labelled && (
        <small className="muted diag-path" title="Where this is in the definition file">
          {' '}
          · {d.path}
        </small>
      )}
    </>
  );
}
