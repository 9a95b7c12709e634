// The public API of @emwatch/core: an explicit list, so nothing private leaks by accident.
export { EmwatchError } from './errors.js';
export type { LonLat, PointGeometry, Topology, TopologyGeometry } from './model/geo.js';
export type { IsoDateTime } from './model/iso-date-time.js';
export { MAX_RAW_PAYLOAD_BYTES, type RawItem, type RawItemProvenance } from './model/raw-item.js';
export {
  LANGUAGE_TAGS,
  SOURCE_KINDS,
  isLanguageTag,
  isSourceKind,
  type LanguageTag,
  type Signal,
  type SourceKind,
} from './model/signal.js';
export type {
  Casualties,
  Evidence,
  EvidenceSource,
  PlaceMention,
  Sentiment,
  SentimentLabel,
  TextAnalysis,
} from './model/text-analysis.js';
export type { Event, EventEdit, EventEditKind, StageChange } from './model/event.js';
export type { RiskFactor, RiskScore } from './model/risk-score.js';
export {
  ALERT_STATUSES,
  type Alert,
  type AlertDelivery,
  type AlertDeliveryStatus,
  type AlertStatus,
} from './model/alert.js';
export {
  INCIDENT_STATE_IDS,
  INCIDENT_STATES,
  incidentStateLabel,
  isIncidentState,
  type AuditAction,
  type AuditEntry,
  type Incident,
  type IncidentNote,
  type IncidentState,
  type IncidentStateDefinition,
} from './model/incident.js';
export type {
  BoundaryLevel,
  RegionLevel,
  RegionName,
  RegionNameKind,
  RegionPack,
  RegionUnit,
} from './model/region-pack.js';
export {
  createRegionPack,
  type CreateRegionPackOptions,
  type RegionUnitDefinition,
} from './region/create-region-pack.js';
export {
  CAP_SEVERITIES,
  CATEGORIES,
  CATEGORY_IDS,
  RESPONSE_LEVEL_INFO,
  RESPONSE_LEVELS,
  STAGE_IDS,
  STAGES,
  TYPE_IDS,
  TYPES,
  WARNING_COLOR_INFO,
  WARNING_COLORS,
  WEATHER_SIGNAL_CODES,
  NMC_SIGNAL_CODES,
  capSeverityToColor,
  categoryLabel,
  categoryOf,
  colorFromSignalLevelCode,
  colorLabel,
  colorToCapSeverity,
  colorToLevel,
  gbCodesOf,
  isCapSeverity,
  isCategoryId,
  isResponseLevel,
  isStageId,
  isTypeId,
  isWarningColor,
  levelLabel,
  levelToColor,
  parseNmcAlarmCode,
  parseSignalCode,
  signalLevelCodeOf,
  stageLabel,
  typeFromGbCode,
  typeFromSignalCode,
  typeLabel,
  typesInCategory,
  type CapSeverity,
  type CategoryDefinition,
  type CategoryId,
  type KnownCapSeverity,
  type LabelLanguage,
  type ResponseLevel,
  type ResponseLevelInfo,
  type SignalLevelCode,
  type StageDefinition,
  type StageId,
  type TypeDefinition,
  type TypeId,
  type WarningColor,
  type WarningColorInfo,
  type WeatherSignal,
  type WeatherSignalCode,
} from './model/taxonomy.js';
export { analyzeText, type AnalyzeTextOptions, type EnglishClassifier } from './text/analyze.js';
export { classifyText, type Classification, type ClassifyTextOptions } from './text/classify.js';
export { detectLanguage } from './text/detect-language.js';
export { extractCasualties, type CasualtyExtraction, type CasualtyKind } from './text/extract/casualties.js';
export { extractMagnitude } from './text/extract/magnitude.js';
export { extractPlaces, type ExtractPlacesOptions } from './text/extract/places.js';
export { extractTimes, type ExtractTimesOptions, type TimeMention, type TimePrecision } from './text/extract/times.js';
export { extractWarningColor } from './text/extract/warning.js';
export { DOMAIN_LEXICON, type LexiconEntry } from './text/lexicon.js';
export { loadModel, serializeModel, type ClassifierModel, type SerializedModel } from './text/model.js';
export { classifyMongolian, type MongolianClassification } from './text/mongolian.js';
export {
  foldWidth,
  normalizeText,
  splitRepostChain,
  toSimplifiedChinese,
  type NormalizedText,
  type NormalizeTextOptions,
} from './text/normalize.js';
export { scoreSentiment, SENTIMENT_LABEL_THRESHOLD, type ScoreSentimentOptions } from './text/sentiment.js';
export {
  createSentimentLexicon,
  EMOTION_GROUPS,
  parseSentimentLexicon,
  SENTIMENT_ENTRIES,
  type EmotionGroup,
  type ParseSentimentLexiconOptions,
  type SentimentEntry,
  type SentimentLexicon,
} from './text/sentiment-lexicon.js';
export { trainClassifier, type TrainClassifierOptions, type TrainingExample } from './text/train.js';
