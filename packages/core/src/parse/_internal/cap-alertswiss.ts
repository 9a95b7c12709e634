import { parseDate } from '../parse-date.js';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A field Alertswiss writes either as a string or as `{ <name>: string, <name>Origin: … }`. */
function textField(value: unknown, name: string): string | undefined {
  if (typeof value === 'string') return value;
  return isRecord(value) ? str(value[name]) : undefined;
}

/**
 * Tells the Alertswiss app JSON (alert.swiss) from CAP-JSON: it has `title`, `areas` and the
 * `testAlert` flags instead of CAP's `info` blocks.
 */
export function isAlertswissJson(value: Json): boolean {
  return (
    'identifier' in value &&
    'areas' in value &&
    ('testAlert' in value || 'technicalTestAlert' in value) &&
    !('info' in value)
  );
}

/**
 * Maps the Alertswiss app JSON onto CAP-JSON, the shape the CAP reader takes. `sent` comes from
 * the alert's own reference triple (which carries an offset); failing that, from `sent`
 * (`Tue, 20.05.2025, 12:41`), read as Swiss local time.
 */
export function alertswissToCapJson(value: Json): Json {
  const identifier = str(value.identifier);
  const reference = str(value.reference);
  const own = reference?.split(',');
  const sent =
    own && own.length === 3 && own[1] === identifier
      ? own[2]
      : (parseDate(str(value.sent) ?? '', { timeZone: 'Europe/Zurich' }) ?? str(value.sent));
  // gtransOrigin "en-x-mtfrom-it": English, machine-translated from Italian.
  const language = str(value.gtransOrigin)?.split('-x-')[0];
  const severity = str(value.severity);
  const instructions = array(value.instructions)
    .map((entry) => (isRecord(entry) ? str(entry.text) : undefined))
    .filter((text): text is string => Boolean(text));
  const areas = array(value.areas)
    .filter(isRecord)
    .map((area) => ({
      areaDesc: textField(area.description, 'description') ?? '',
      polygon: array(area.polygons)
        .filter(isRecord)
        .map((polygon) =>
          array(polygon.coordinates)
            .map((pair) => array(pair).join(','))
            .join(' '),
        ),
      geocode: array(area.regions)
        .filter(isRecord)
        .map((region) => ({ valueName: 'region', value: str(region.region) ?? '' })),
    }));
  return {
    identifier,
    sender: str(value.sender),
    sent,
    status: value.technicalTestAlert === true || value.testAlert === true ? 'Test' : 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    ...(reference ? { references: reference } : {}),
    info: [
      {
        ...(language ? { language } : {}),
        event: str(value.event),
        ...(value.allClear === true ? { responseType: ['AllClear'] } : {}),
        urgency: 'Unknown',
        severity: severity ? severity.charAt(0).toUpperCase() + severity.slice(1) : undefined,
        certainty: 'Unknown',
        senderName: str(value.publisherName),
        headline: textField(value.title, 'title'),
        description: textField(value.description, 'description'),
        instruction: instructions,
        web: str(value.link),
        contact: textField(value.contact, 'contact'),
        area: areas,
      },
    ],
  };
}
