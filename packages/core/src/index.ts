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
  type CapMsgType,
  type CapStatus,
  type HotspotFacts,
  type QuakeFacts,
  type Signal,
  type SignalFacts,
  type SourceKind,
  type WarningArea,
  type WarningFacts,
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
export {
  COLLECTOR_KINDS,
  MAX_QUARANTINE_BYTES,
  isCollectorIssue,
  type Collector,
  type CollectorContext,
  type CollectorIssue,
  type CollectorKind,
  type CursorHandle,
  type FetchLimits,
  type ParsedItems,
  type ParseOptions,
  type QuarantinedPayload,
  type SourceCursor,
} from './collect/collector.js';
export { COLLECTOR_ISSUE_CODES, type CollectorIssueCode } from './collect/issue-codes.js';
export {
  DEFAULT_FETCH_LIMITS,
  DEFAULT_USER_AGENT,
  FetchError,
  fetchLimited,
  type FetchErrorDetails,
  type FetchLimitedOptions,
  type LimitedResponse,
} from './collect/fetch-limited.js';
export { fetchDocument, type FetchDocumentOptions, type FetchedDocument } from './collect/fetch-document.js';
export { makeSignal, signalId, type SignalFields } from './collect/make-signal.js';
export { makeIssue, quarantine } from './collect/make-issue.js';
export { parseFeedItem, rss, type RssOptions } from './collect/rss.js';
export { cap, parseCapItem, type CapOptions } from './collect/cap.js';
export {
  createCapAlertBook,
  type CapAlertBook,
  type CapAlertBookOptions,
  type CapApplyResult,
} from './collect/cap-references.js';
export { quakeFeed, type QuakeFeedOptions } from './collect/quake-feed.js';
export { fireHotspots, type FireHotspotsOptions } from './collect/fire-hotspots.js';
export { jsonApi, type JsonApiOptions } from './collect/json-api.js';
export {
  signWebhook,
  webhook,
  type WebhookCollector,
  type WebhookOptions,
  type WebhookRequest,
  type WebhookResponse,
  type WebhookSignatureHeaders,
} from './collect/webhook.js';
export { replay, type ReplayOptions, type ReplayRecord } from './collect/replay.js';
export {
  createScheduler,
  type ScheduledSource,
  type Scheduler,
  type SchedulerOptions,
  type SourceRunReport,
} from './collect/schedule.js';
export type { PostRecord } from './model/post-record.js';
export { decodeBody, type DecodeBodyOptions, type DecodedBody, type EncodingSource } from './parse/decode-body.js';
export { detectFormat, type DocumentFormat } from './parse/detect-format.js';
export { htmlToText } from './parse/html-to-text.js';
export {
  childElement,
  childElements,
  childText,
  parseXml,
  type ParseXmlOptions,
  type XmlElement,
} from './parse/xml.js';
export { parseDate, type ParseDateOptions } from './parse/parse-date.js';
export {
  MAX_ENTRY_SOURCE_BYTES,
  parseFeed,
  type FeedDocument,
  type FeedEnclosure,
  type FeedEntry,
  type FeedFormat,
  type FeedParseResult,
  type FeedProblem,
  type ParseFeedOptions,
} from './parse/parse-feed.js';
export {
  parseCap,
  type CapAlert,
  type CapInfo,
  type CapParseResult,
  type CapProblem,
  type CapReference,
  type CapResource,
  type CapValue,
  type ParseCapOptions,
} from './parse/parse-cap.js';
export { capEventType, type CapEventTypeInput } from './parse/cap-event-type.js';
export { capToSignals } from './parse/cap-to-signals.js';
export {
  parseQuake,
  QUAKE_FORMATS,
  type ParsedQuakes,
  type ParseQuakeOptions,
  type QuakeFormat,
  type QuakeSkips,
} from './parse/parse-quake.js';
export {
  NMG_FOREST_UNITS,
  parseFirmsCsv,
  type HotspotSkips,
  type ParsedHotspots,
  type ParseFirmsCsvOptions,
} from './parse/parse-firms-csv.js';
export {
  JSON_API_FIELDS,
  parseJsonApi,
  type JsonApiFields,
  type JsonApiSkips,
  type ParsedJsonApi,
  type ParseJsonApiOptions,
} from './parse/parse-json-api.js';
export { inferJsonApi, type InferredJsonApi } from './parse/infer-json-api.js';
export { getPath, parseJsonPath, type JsonPathSegment } from './parse/json-path.js';
export { createPointLocator, type PointLocator } from './region/locate-point.js';
export { createMemoryStore, type CreateMemoryStoreOptions } from './store/memory-store.js';
export type {
  AlertQuery,
  EventQuery,
  IncidentQuery,
  Page,
  QuarantineEntry,
  SignalQuery,
  SourceHealth,
  Store,
} from './store/store.js';
export {
  type BurstKey,
  type Burst,
  type CreateBurstDetectorOptions,
  type BurstDetectorState,
  type BurstDetector,
  createBurstDetector,
} from './events/burst.js';
export { type ScoringAnalysis, type ScoreContext, scoreEvent } from './risk/score.js';
export {
  type LevelThresholds,
  DEFAULT_LEVEL_THRESHOLDS,
  validateLevelThresholds,
  levelForScore,
  minScoreOfLevel,
  higherLevel,
  type CasualtyBasis,
  type CasualtyGrade,
  CASUALTY_THRESHOLDS,
  casualtyLevel,
  QUAKE_MAGNITUDE_THRESHOLDS,
  quakeLevel,
} from './risk/levels.js';
export {
  RISK_FACTOR_IDS,
  type RiskFactorId,
  LEVEL_FLOOR_FACTOR_ID,
  type RiskWeights,
  RISK_FACTOR_LABELS,
  riskFactorLabel,
  type RiskFloors,
  type RiskPreset,
  RISK_PRESETS,
  validateRiskPreset,
  resolveRiskPreset,
} from './risk/presets.js';
export {
  type AlertRuleConditions,
  type AlertRoute,
  type QuietHours,
  type DigestPolicy,
  type AlertRule,
  type RuleBurst,
  type RuleMatchContext,
  type ValidateRulesOptions,
  validateRules,
  matchRules,
} from './respond/rules.js';
export {
  type AlerterOptions,
  type AlerterScoreContext,
  type DigestReason,
  type DigestReport,
  type AlerterTickResult,
  type Alerter,
  createAlerter,
} from './respond/alerter.js';
export {
  type AlertMessageKind,
  type AlertMessagePlace,
  type AlertMessageReason,
  type AlertMessageEntry,
  type AlertMessage,
  type CreateAlertEntryOptions,
  type CreateAlertMessageOptions,
  createAlertEntry,
  eventHeadline,
  alertTitle,
  createAlertMessage,
} from './respond/alert-message.js';
export {
  type AlertMessageFormat,
  type RenderAlertMessageOptions,
  renderAlertMessage,
} from './respond/render-alert-message.js';
export {
  type ChannelAttempt,
  type ChannelContext,
  type Channel,
  type DeadLetter,
  type ChannelErrorCode,
  ChannelError,
  type ChannelRetryOptions,
  type RetryingChannel,
} from './respond/channels/channel.js';
export { type WebhookChannelOptions, type WebhookAlertBody, webhookChannel } from './respond/channels/webhook.js';
export { type DingtalkChannelOptions, dingtalkChannel } from './respond/channels/dingtalk.js';
export { type WecomChannelOptions, wecomChannel } from './respond/channels/wecom.js';
export { type ConsoleChannelOptions, consoleChannel } from './respond/channels/console.js';
export { CAP_1_2_NAMESPACE, type ToCapOptions, toCap } from './respond/to-cap.js';
export {
  type IncidentAction,
  type TransitionDetails,
  type IncidentDeadline,
  type IncidentDeadlineTable,
  type IncidentOptions,
  type IncidentOverdue,
  INCIDENT_DEADLINES,
  createIncident,
  transition as transitionIncident,
  overdue,
} from './respond/incident.js';
export {
  createBriefing,
  type Briefing,
  type BriefingFigures,
  type BriefingLeagueRow,
  type BriefingNote,
  type BriefingPeriod,
  type BriefingReason,
  type BriefingSpecial,
  type BriefingTopEvent,
  type BriefingTypeRow,
  type CreateBriefingOptions,
} from './report/briefing.js';
export {
  briefingTrendSpec,
  briefingTypeSpec,
  type BriefingCountRow,
  type BriefingSpecOptions,
  type BriefingTrendPoint,
  type VegaLiteSpec,
} from './report/briefing-specs.js';
export {
  createDeduper,
  findDuplicates,
  type CreateDeduperOptions,
  type DedupItem,
  type Deduper,
  type DedupResult,
  type DuplicateMatch,
  type FindDuplicatesOptions,
} from './events/dedup.js';
export {
  createEventClusterer,
  EVENT_WINDOWS,
  type ClusterResult,
  type CreateEventClustererOptions,
  type EventClusterer,
} from './events/cluster.js';
export { createMonitor, type Monitor, type MonitorChange, type MonitorOptions } from './monitor.js';
