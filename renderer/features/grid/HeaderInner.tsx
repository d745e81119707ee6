/**
 * Inner header (AG Grid keeps sort, filter and menu around it): type icon, name, a small
 * distribution from headerSummaries, and a button opening the column profile.
 */
import type { CustomInnerHeaderProps } from 'ag-grid-react';
import { useWorkbench } from '../../store/react';
import { typeIcon } from './columnTypes';
import type { HeaderParams } from './columnDefs';
import { Sparkbars } from './Sparkbars';

export function HeaderInner(props: CustomInnerHeaderProps & HeaderParams) {
  const name = props.column.getColId();
  const summary = useWorkbench((s) => s.headerSummaries[name]);
  const openProfile = useWorkbench((s) => s.openProfile);
  const profiled = useWorkbench((s) => s.profile?.column === name);
  return (
    <div className="hdr" data-testid={`header-${name}`}>
      <div className="hdr-top">
        <span className={`type-icon t-${props.family}`} title={props.type}>
          {typeIcon(props.family)}
        </span>
        <span className="hdr-name">{props.displayName}</span>
        <button
          type="button"
          className={`hdr-profile${profiled ? ' active' : ''}`}
          data-testid={`profile-button-${name}`}
          title={`Profile ${name}`}
          aria-label={`Profile ${name}`}
          onClick={(e) => {
            e.stopPropagation();
            void openProfile(name);
          }}
          onMouseDown={(e) => e.stopPropagation()}
        >
          ◔
        </button>
      </div>
      {summary && <Sparkbars bars={summary.bars} nullShare={summary.nullShare} />}
    </div>
  );
}
