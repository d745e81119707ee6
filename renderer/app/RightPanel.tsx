/**
 * The right side: the rule builder and the column profile. With both open, tabs switch between them
 * (the last one opened shows first).
 */
import { useState } from 'react';
import { BuilderPanel } from '../features/builder/BuilderPanel';
import { ProfilePanel } from '../features/profile/ProfilePanel';
import { useWorkbench } from '../store/react';

export function RightPanel() {
  const hasBuilder = useWorkbench((s) => s.builder !== null);
  const profileColumn = useWorkbench((s) => s.profile?.column ?? null);
  const [tab, setTab] = useState<'builder' | 'profile'>('profile');
  const [lastProfile, setLastProfile] = useState<string | null>(null);
  if (profileColumn !== lastProfile) {
    // A newly opened profile comes to the front.
    setLastProfile(profileColumn);
    if (profileColumn) setTab('profile');
  }
  if (!hasBuilder) return <ProfilePanel />;
  if (!profileColumn) return <BuilderPanel />;
  return (
    <div className="right-tabs">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'builder'} className={`tab${tab === 'builder' ? ' active' : ''}`} onClick={() => setTab('builder')}>
          Segment
        </button>
        <button type="button" role="tab" aria-selected={tab === 'profile'} className={`tab${tab === 'profile' ? ' active' : ''}`} onClick={() => setTab('profile')}>
          Profile · {profileColumn}
        </button>
      </div>
      {tab === 'builder' ? <BuilderPanel /> : <ProfilePanel />}
    </div>
  );
}
