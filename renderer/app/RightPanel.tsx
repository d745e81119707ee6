/**
 * The right side: the rule builder and the column profile. With both open, tabs switch between them
 * (the last one opened shows first). With the builder open the panel has a resize handle on its
 * left edge and folds to a strip; the builder stays mounted while folded or behind the profile tab
 * (its keyboard shortcuts, scroll position and unsaved note survive).
 */
import { useState } from 'react';
import { BuilderPanel } from '../features/builder/BuilderPanel';
import { ProfilePanel } from '../features/profile/ProfilePanel';
import { useWorkbench } from '../store/react';
import { PanelResizer } from './PanelResizer';

export function RightPanel({ width, windowWidth }: { width: number; windowWidth: number }) {
  const hasBuilder = useWorkbench((s) => s.builder !== null);
  const builderName = useWorkbench((s) => s.builder?.name ?? '');
  const collapsed = useWorkbench((s) => s.builderCollapsed);
  const setCollapsed = useWorkbench((s) => s.setBuilderCollapsed);
  const profileColumn = useWorkbench((s) => s.profile?.column ?? null);
  const [tab, setTab] = useState<'builder' | 'profile'>('profile');
  const [lastProfile, setLastProfile] = useState<string | null>(null);
  if (profileColumn !== lastProfile) {
    // A newly opened profile comes to the front.
    setLastProfile(profileColumn);
    if (profileColumn) setTab('profile');
  }
  if (!hasBuilder) return <ProfilePanel />;
  const showProfile = profileColumn !== null && tab === 'profile';
  return (
    <div className={`right-panel${collapsed ? ' collapsed' : ''}`} data-testid="right-panel">
      {collapsed ? (
        <button
          type="button"
          className="panel-strip"
          title="Show the builder"
          aria-label="Show the builder"
          data-testid="builder-expand"
          onClick={() => setCollapsed(false)}
        >
          <span aria-hidden>⇤</span>
          <span className="panel-strip-label">{builderName}</span>
        </button>
      ) : (
        <PanelResizer width={width} windowWidth={windowWidth} />
      )}
      {!collapsed && profileColumn && (
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'builder'}
            className={`tab${tab === 'builder' ? ' active' : ''}`}
            onClick={() => setTab('builder')}
          >
            Segment
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'profile'}
            className={`tab${tab === 'profile' ? ' active' : ''}`}
            onClick={() => setTab('profile')}
          >
            Profile · {profileColumn}
          </button>
        </div>
      )}
      <BuilderPanel hidden={collapsed || showProfile} />
      {!collapsed && showProfile && <ProfilePanel />}
    </div>
  );
}
