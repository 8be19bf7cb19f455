import { useEffect } from 'react';
import { modelsStore, sceneStore, useScene, useView } from '../store';
import { BevPanel } from './BevPanel';
import { DropOverlay } from './DropOverlay';
import { ImagePanel } from './ImagePanel';
import { Messages } from './Messages';
import { NeedsModel } from './NeedsModel';
import { CameraPanel } from './panels/CameraPanel';
import { DepthPanel } from './panels/DepthPanel';
import { GravityPanel } from './panels/GravityPanel';
import { ModelsPanel } from './panels/ModelsPanel';
import { ObjectsPanel } from './objects/ObjectsPanel';
import { useShortcuts } from './shortcuts';
import { ProjectPanel } from './project/ProjectPanel';
import { SceneInfo } from './panels/SceneInfo';
import { Progress } from './Progress';
import { TopBar } from './TopBar';
import { Viewer3D } from './viewer/Viewer3D';
import { QAGenerator } from './qa/QAGenerator';
import { QAItemDetail } from './qa/QAItemDetail';
import { QAList } from './qa/QAList';
import { ViewerToolbar } from './ViewerToolbar';

let started = false;

export function App() {
  const phase = useScene((s) => s.phase);
  const mode = useView((v) => v.mode);
  useShortcuts();
  useEffect(() => {
    if (started) return; // StrictMode runs effects twice in development
    started = true;
    // Models first (a dropped photo needs to know them), then the bundled sample, no download.
    void modelsStore
      .getState()
      .load()
      .finally(() => {
        if (!sceneStore.getState().scene && sceneStore.getState().phase === 'idle' && !new URLSearchParams(location.search).has('nosample')) void sceneStore.getState().openSample();
      });
  }, []);
  return (
    <div className={`app mode-${mode}`}>
      <TopBar />
      {/* overlays: appearing must not resize the 3D view (a resize redraws the whole cloud) */}
      <div className="overlays">
        <Messages />
        <Progress />
      </div>
      <main className="workspace">
        <aside className="left">
          <ImagePanel />
          {mode === 'qa' ? <QAItemDetail /> : <BevPanel />}
        </aside>
        <section className="centre">
          {mode === 'qa' ? (
            <QAList />
          ) : phase === 'needs-model' ? (
            <NeedsModel />
          ) : (
            <>
              <ViewerToolbar />
              <div className="viewer">
                <Viewer3D />
              </div>
            </>
          )}
        </section>
        <aside className="right">
          {mode === 'qa' ? (
            <QAGenerator />
          ) : (
            <>
              <SceneInfo />
              <ObjectsPanel />
              <CameraPanel />
              <GravityPanel />
              <DepthPanel />
              <ModelsPanel />
            </>
          )}
        </aside>
      </main>
      <ProjectPanel />
      <DropOverlay />
    </div>
  );
}
