import { useEffect, useState } from 'react';
import { reviewStore, sceneStore, viewStore } from '../store';

/** Files dropped anywhere on the window are opened; folders are read entry by entry. */
export function DropOverlay() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (!depth) setOver(false);
    };
    const dragover = (e: DragEvent) => e.preventDefault();
    const drop = async (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setOver(false);
      const dropped = await droppedFiles(e.dataTransfer);
      if (!dropped.length) return;
      // review data (question files, benchmark parquet, zips) goes to the review queue; photos,
      // depth maps, intrinsics, annotations and models to the scene — unless the review is open
      const reviewData = dropped.some((d) => /\.(jsonl|parquet|zip)$/i.test(d.path));
      if (reviewData || viewStore.getState().mode === 'review') {
        viewStore.getState().setMode('review');
        void reviewStore.getState().importFiles(dropped.map((d) => ({ path: d.path, blob: d.file })));
      } else void sceneStore.getState().openFiles(dropped.map((d) => d.file));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', dragover);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', dragover);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="drop-overlay">
      <div>Drop a photo (with its depth PNG and intrinsics JSON), an .onnx model, or questions to review (JSONL, SPAR-Bench parquet, a zip or a folder)</div>
    </div>
  );
}

/** Files from a drop with their paths in it: folders through file-system entries, plain lists through getAsFile. */
async function droppedFiles(dt: DataTransfer | null): Promise<{ path: string; file: File }[]> {
  if (!dt) return [];
  const entries = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null));
  if (!entries.some((e) => e?.isDirectory)) return [...dt.files].map((file) => ({ path: file.name, file }));
  const out: { path: string; file: File }[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) out.push({ path: entry.fullPath.replace(/^\//, ''), file: await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)) });
    else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const e of entries) if (e) await walk(e);
  return out;
}
