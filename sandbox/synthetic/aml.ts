/**
 * AML screenings for a person or a company (core-technology/aml-screening/report-aml-screening): hits with Didit's
 * `id` and `review_status`, a `match_score` (how closely the hit matches the subject) and a `risk_score` (how risky
 * the listing is), datasets and PEP / sanction / warning / adverse-media matches, from the Sanctions, PEP and
 * Adverse Media datasets; review status and scores follow the flag's severity. The screening's `score` is the
 * highest risk score among hits not cleared as False Positive, as Didit computes it. Lists, authorities and news hosts are fictional
 * (example.com-style hosts only).
 */
import { randomDay, randomInstant } from './dates.js';
import { between, chance, digits, letters } from './rng.js';
import { featureStatus, warning, worst, type Outcome, type Severity, type WarningObject } from './outcome.js';
import type { Rng, SyntheticFlag } from './types.js';

export type AmlDataset = 'Sanctions' | 'PEP' | 'Adverse Media';

const FLAG_DATASET: Partial<Record<SyntheticFlag, AmlDataset>> = {
  aml_sanctions: 'Sanctions',
  aml_pep: 'PEP',
  aml_adverse_media: 'Adverse Media',
};

const NEWS_HOSTS = ['news.example.com', 'dailyledger.example.org', 'financewire.example.net', 'gazette.example.com'];
const HEADLINES = [
  '{name} named in fictional procurement inquiry',
  'Sandbox regulator fines firm linked to {name}',
  '{name} questioned over invented harbour tender',
  'Court papers in made-up fraud case mention {name}',
  'Example Tribune: {name} tied to shell-company network',
];
const PEP_POSITIONS = [
  'Member of the National Assembly',
  'Deputy Minister of Example Affairs',
  'Mayor of a sample municipality',
  'Board member, state-owned specimen utility',
  'Ambassador (fictional posting)',
];
const SANCTION_PROGRAMS = ['EX-TERR-2019', 'SAMPLE-CYBER-2021', 'DEMO-ARMS-2023', 'SPECIMEN-FIN-2024'];

/**
 * A screening's `score` as Didit computes it: the highest risk score among hits not cleared as False Positive (0
 * when none is left). Also what the payload recomputes once hits have been dispositioned.
 */
export function screeningScore(hits: readonly unknown[]): number {
  let max = 0;
  for (const hit of hits) {
    const { review_status, risk_score } = (hit ?? {}) as { review_status?: unknown; risk_score?: unknown };
    if (review_status === 'False Positive' || typeof risk_score !== 'number' || !Number.isFinite(risk_score)) continue;
    max = Math.max(max, risk_score);
  }
  return max;
}

export interface AmlSubject {
  entityType: 'person' | 'company';
  name: string;
  country: string;
  screenedData: Record<string, unknown>;
  /** Date of birth or incorporation, echoed on hits that are the same entity. */
  date?: string;
}

function hitCaption(rng: Rng, subject: AmlSubject, sameEntity: boolean): string {
  if (sameEntity) return subject.name;
  // A namesake: same surname or company stem, different first word.
  const words = subject.name.split(' ');
  const alt =
    subject.entityType === 'person'
      ? ['Alexis', 'Dana', 'Robin', 'Sascha', 'Noa']
      : ['Holdings', 'Trading', 'Group', 'Partners'];
  return subject.entityType === 'person'
    ? [rng.pick(alt), ...words.slice(1)].join(' ')
    : `${words[0]} ${rng.pick(alt)} Ltd`;
}

function hit(rng: Rng, subject: AmlSubject, datasets: AmlDataset[], severity: Severity) {
  // Declined → the same entity, confirmed; review → unreviewed (now and then inconclusive); info → a cleared namesake.
  const sameEntity = severity !== 'info';
  const reviewStatus =
    severity === 'decline'
      ? 'Confirmed Match'
      : severity === 'review'
        ? chance(rng, 0.2)
          ? 'Inconclusive'
          : 'Unreviewed'
        : 'False Positive';
  const caption = hitCaption(rng, subject, sameEntity);
  const riskBase = datasets.includes('Sanctions') ? 90 : datasets.includes('PEP') ? 62 : 45;
  const firstSeen = randomInstant(rng, -2000, -400);
  const id = `hit_${letters(rng, 3).toLowerCase()}${digits(rng, 7)}`;
  return {
    // Didit's hit id, the `hit_id` of update-aml-hit-status (sessions-api/update-aml-hit-status).
    id,
    caption,
    match_score: severity === 'decline' ? rng.int(95, 100) : severity === 'review' ? rng.int(80, 94) : rng.int(75, 88),
    risk_score: Math.min(100, riskBase + rng.int(0, 20)),
    review_status: reviewStatus,
    datasets,
    country: sameEntity ? subject.country : rng.pick(['PRT', 'MEX', 'POL', 'GBR']),
    birth_date: subject.entityType === 'person' ? (sameEntity ? subject.date : randomDay(rng, -25000, -8000)) : null,
    pep_matches: datasets.includes('PEP')
      ? [
          {
            position: rng.pick(PEP_POSITIONS),
            country: subject.country,
            level: rng.pick(['National', 'Regional', 'Local']),
            start_date: randomDay(rng, -4000, -1500),
            end_date: chance(rng, 0.5) ? randomDay(rng, -1400, -100) : null,
            source: 'Fictional PEP Register (sandbox)',
          },
        ]
      : [],
    sanction_matches: datasets.includes('Sanctions')
      ? [
          {
            list_name: 'Example Consolidated Sanctions List',
            authority: 'Sandbox Office of Sanctions (fictional)',
            program: rng.pick(SANCTION_PROGRAMS),
            listed_on: randomDay(rng, -2500, -200),
            reason: 'Synthetic listing for demonstration; no real designation.',
            source_url: `https://sanctions.example.org/entries/${digits(rng, 6)}`,
          },
        ]
      : [],
    adverse_media_matches: datasets.includes('Adverse Media')
      ? Array.from({ length: rng.int(1, 3) }, () => ({
          headline: rng.pick(HEADLINES).replace('{name}', caption),
          summary: `Synthetic article written for the Countersign demo. It reports allegations about ${caption} that are invented and refer to no real person or company.`,
          source_url: `https://${rng.pick(NEWS_HOSTS)}/articles/${digits(rng, 4)}-${letters(rng, 6).toLowerCase()}`,
          sentiment_score: -between(rng, 0.3, 0.95, 2),
          publication_date: randomDay(rng, -900, -20),
          first_seen: randomInstant(rng, -900, -20),
          last_seen: randomInstant(rng, -19, -1),
        }))
      : [],
    // No synthetic dataset is a warning list; the array is sent empty, as Didit sends it.
    warning_matches: [],
    url: `https://aml.example.org/entities/${id}`,
    first_seen: firstSeen,
    last_seen: randomInstant(rng, -30, -1),
  };
}

const RISK_BY_SEVERITY: Record<Severity, [string, string, string]> = {
  decline: [
    'CONFIRMED_MATCH',
    'Confirmed AML match',
    'A screening hit was confirmed as the same {kind}; the listing requires a decline.',
  ],
  review: [
    'POSSIBLE_MATCH_FOUND',
    'Possible AML match',
    'Screening found hits that may be the same {kind}; an analyst must review them.',
  ],
  info: [
    'FALSE_POSITIVE_HITS',
    'Hits cleared as false positives',
    'Screening hits were reviewed and cleared as namesakes.',
  ],
};

/**
 * One screening item. Each AML flag with a severity adds a hit from its dataset; a PEP hit sometimes also carries
 * adverse media, so multi-dataset hits appear too.
 */
export function amlScreening(
  rng: Rng,
  subject: AmlSubject,
  severities: ReadonlyMap<SyntheticFlag, Severity>,
  outcome: Outcome,
) {
  const hits = [];
  const used: Severity[] = [];
  for (const [flag, severity] of severities) {
    const dataset = FLAG_DATASET[flag];
    if (!dataset) continue;
    const datasets: AmlDataset[] = dataset === 'PEP' && chance(rng, 0.35) ? ['PEP', 'Adverse Media'] : [dataset];
    hits.push(hit(rng, subject, datasets, severity));
    used.push(severity);
  }
  const severity = worst(...used);
  const warnings: WarningObject[] = [];
  if (severity) {
    const [risk, short, long] = RISK_BY_SEVERITY[severity];
    warnings.push(warning('AML', risk, severity, short, long.replace('{kind}', subject.entityType)));
  }
  return {
    node_id: 'feature_aml',
    status: featureStatus(outcome, severity === 'info' ? undefined : severity),
    warnings,
    entity_type: subject.entityType,
    total_hits: hits.length,
    score: screeningScore(hits),
    screened_data: subject.screenedData,
    hits,
  };
}
