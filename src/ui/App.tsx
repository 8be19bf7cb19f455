import { useEffect } from 'react';
import { modelsStore, reviewStore, sceneStore, useScene, useView, viewStore, downloadsStore } from '../store';
import { useEscape } from './escapeStack';
import { usePanels } from './layout/panelsStore';
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
import { DownloadMessage, DownloadProgress } from './ModelDownload';
import { ScaleWarning } from './ScaleWarning';
import { TopBar } from './TopBar';
import { Viewer3D } from './viewer/Viewer3D';
import { QAGenerator } from './qa/QAGenerator';
import { QAItemDetail } from './qa/QAItemDetail';
import { QAList } from './qa/QAList';
import { ViewerToolbar } from './ViewerToolbar';
import { Dashboard } from './review/Dashboard';
import { HelpOverlay } from './review/HelpOverlay';
import { ModifiedExportDialog } from './review/ModifiedExportDialog';
import { ReviewBar } from './review/ReviewBar';
import { ReviewImages } from './review/ReviewImages';
import { ReviewItem } from './review/ReviewItem';
import { ReviewQueue } from './review/ReviewQueue';
import { ReviewTools } from './review/ReviewTools';
import { Evidence3D } from './review/Evidence3D';
import { InterruptedImports } from './review/InterruptedImports';
import { ImportReports } from './review/ImportReports';

let started = false;

export function App() {
  const phase = useScene((s) => s.phase);
  const mode = useView((v) => v.mode);
  const measuring = useView((v) => v.measuring);
  const hidden = usePanels((p) => p.hidden);
  useShortcuts();
  useEscape(measuring, () => viewStore.setState({ measuring: false, measurePoints: [], measurePixels: [] }));
  useEffect(() => {
    if (started) return; // StrictMode runs effects twice in development
    started = true;
    void reviewStore.getState().open();
    void downloadsStore.getState().load();
    // Models first (a dropped photo needs to know them), then the bundled sample, no download.
    void modelsStore
      .getState()
      .load()
      .finally(() => {
        if (!sceneStore.getState().scene && sceneStore.getState().phase === 'idle' && !new URLSearchParams(location.search).has('nosample')) void sceneStore.getState().openSample();
      });
  }, []);
  return (
    <div className={`app mode-${mode}${hidden.has('left') ? ' left-hidden' : ''}${hidden.has('right') ? ' right-hidden' : ''}`}>
      <TopBar />
      {/* floating over the centre: appearing must not resize the 3D view (a resize redraws the whole cloud) */}
      <div className="floating">
        {mode === 'scene' && <ScaleWarning />}
        <Progress />
        <DownloadProgress />
        <DownloadMessage />
      </div>
      {mode === 'review' ? (
        <main className="workspace">
          <aside className="left">
            <ReviewImages />
            <Evidence3D />
          </aside>
          <section className="centre review-centre">
            <ReviewItem />
          </section>
          <aside className="right">
            <ReviewBar />
            <InterruptedImports />
            <ReviewQueue />
            <ReviewTools />
          </aside>
        </main>
      ) : mode === 'dashboard' ? (
        <main className="workspace single">
          <Dashboard />
        </main>
      ) : (
      <main className="workspace">
        <aside className="left">
          <ImagePanel />
          {mode === 'qa' ? <QAItemDetail /> : phase !== 'needs-model' && <BevPanel />}
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
          ) : phase === 'needs-model' ? (
            // the scene's panels would show the previous photo's camera and depth beside the new one
            <>
              <p className="panel-note muted" data-testid="panels-waiting">The scene's camera, depth and objects show once the new photo is lifted.</p>
              <ModelsPanel />
            </>
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
      )}
      <Messages />
      <HelpOverlay />
      <ImportReports />
      <ModifiedExportDialog />
      <ProjectPanel />
      <DropOverlay />
    </div>
  );
}
