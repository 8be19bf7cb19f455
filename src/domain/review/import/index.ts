// The review workspace's import layer (pure TypeScript: runs in a Web Worker and in Node).
export { importAll, importFiles, ImageIndex, sizeFromBytes } from './importer';
export type { ImportBatch, ImportedImage, ImportedItem, ImportedScene, ImportFile, ImportOptions, ImportPhase, ImportProblem, ImportResult, ImportSummary, MissingImages, ProblemKind } from './importer';
export { detectLayout, formatFromPath, hasHtml, importRecord, itemFlags, parseOptions, RecordError, sourceRecord, UNKNOWN_IMAGE_SIZE } from './layouts';
export type { ExportReview, ImportedRecord, RecordContext, SourceRecordOptions } from './layouts';
export { jsonlLineChunks, jsonlLines, jsonValueChunks, jsonValues } from './jsonlLines';
export type { ByteSource, JsonValueText, TextLine } from './jsonlLines';
export { imageExt, readParquetFile, readParquetRows } from './parquet';
export type { EmbeddedImage, ParquetChunk, ParquetRecord } from './parquet';
export { isIgnoredPath, readZip, unsafeEntryName } from './zipEntries';
export type { ZipContents, ZipEntry, ZipProblem } from './zipEntries';
