import { loadModel, type ClassifierModel } from './model.js';
import { MODEL_JSON } from './model-data.js';

let cached: ClassifierModel | undefined;

/**
 * The model shipped with the package, decoded on first use (not at import) so that importing
 * core costs nothing until text is classified.
 */
export function defaultModel(): ClassifierModel {
  return (cached ??= loadModel(MODEL_JSON));
}
