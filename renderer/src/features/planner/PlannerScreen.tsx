import { useEffect, type ReactNode } from 'react';
import type { PlannedItemDto } from '../../../../shared/contract/features/planner';
import { PLATFORM_NAMES, type Platform } from '../../../../shared/domain/platforms';
import { navigate } from '../../app/router';
import { showToast } from '../../app/ui.store';
import { useZone } from '../../data/useAppData';
import { dateLabel, wallClock } from '../../lib/format';
import { Field as FormField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { ProblemNote } from '../../ui/ProblemNote';
import { useAccounts } from '../accounts/useAccounts';
import { useWriting } from '../settings/useWriting';
import { MadeDrafts } from './MadeDrafts';
import { choose, commitPlan, daysOf, forgetMade, previewNeeds, previewPlan, startDateOf, toggle, usePlannerChoices, usePlannerStore } from './usePlanner';
import './planner.css';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { focusWhenShown } from '../../ui/focusWhenShown';

/** The Monday of the week a YYYY-MM-DD date falls in. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const dayLabel = (date: string) => dateLabel(date);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** "a, b and c". */
const list = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`);

function Choices({ legend, testId, options, selected, onChange, empty }: {
  legend: string;
  testId: string;
  options: { id: string; label: ReactNode }[] | null;
  selected: string[];
  onChange: (ids: string[]) => void;
  empty: ReactNode;
}) {
  return (
    <fieldset className="field planner-choices" data-testid={testId}>
      <legend className="field-label">{legend}</legend>
      {options === null ? <p className="planner-muted">Loading…</p> : options.length === 0 ? <p className="planner-muted">{empty}</p> : null}
      {options?.map((o) => (
        <label key={o.id} className="planner-choice">
          <input type="checkbox" checked={selected.includes(o.id)} data-testid={`${testId}-${o.id}`} onChange={() => onChange(toggle(selected, o.id))} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function PreviewTable({ items }: { items: PlannedItemDto[] }) {
  const weeks = new Map<string, PlannedItemDto[]>();
  for (const item of items) {
    const key = weekOf(item.date);
    weeks.set(key, [...(weeks.get(key) ?? []), item]);
  }
  return (
    <div className="planner-preview" data-testid="planner-preview">
      {[...weeks].map(([week, list]) => (
        <section key={week} className="planner-week" aria-label={`Week of ${dayLabel(week)}`}>
          <h3>Week of {dayLabel(week)}</h3>
          <ScrollRegion label={`Drafts for the week of ${dayLabel(week)}`}>
            <table className="planner-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Account</th>
                  <th scope="col">Pillar</th>
                  <th scope="col">Template</th>
                  <th scope="col">Text</th>
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <tr key={`${item.at} ${item.accountId}`} data-testid="planner-row" data-problem={item.problems.length > 0 ? 'true' : undefined}>
                    <td>
                      {dayLabel(item.date)} {wallClock(item.time)}
                    </td>
                    <td>
                      {item.accountHandle} <span className="planner-muted">{PLATFORM_NAMES[item.platform as Platform] ?? item.platform}</span>
                    </td>
                    <td>{item.pillarName}</td>
                    <td>{item.templateName}</td>
                    <td>
                      <p className="planner-text" data-testid="planner-row-text">
                        {item.text}
                      </p>
                      {item.problems.length > 0 ? (
                        <ul className="planner-problems" data-testid="planner-row-problems">
                          {item.problems.map((p) => (
                            <li key={p}>{p}</li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ))}
    </div>
  );
}

/** "Plan a month": pillars take turns over the accounts' posting times; every post waits in review. */
export function PlannerScreen() {
  usePlannerChoices();
  const s = usePlannerStore();
  const { accounts } = useAccounts();
  const zone = useZone();
  const days = daysOf(s);
  const needs = previewNeeds({ ...s, accounts });
  const ready = needs.length === 0;
  const withProblems = s.items?.filter((i) => i.problems.length > 0).length ?? 0;
  // Where a model would send the words; null when none is set up (the offline writer only).
  const writing = useWriting().state;
  const where = writing?.provider ? writing.where : null;
  // The drafts just made belong to this visit of the screen.
  useEffect(() => forgetMade, []);

  // Busy buttons stay enabled (a disabled one drops the keyboard onto the page) and ignore presses.
  const preview = () => {
    if (!usePlannerStore.getState().busy) void previewPlan();
  };
  const create = async () => {
    if (usePlannerStore.getState().busy) return;
    const postIds = await commitPlan();
    if (!postIds) return;
    if (where && postIds.length > 0) {
      // Its heading takes the focus (MadeDrafts): the Create button is gone.
      usePlannerStore.setState({ made: postIds });
      return;
    }
    navigate('review');
    // Review's heading takes the focus once it is on screen; the toast (a live region) says what was made.
    focusWhenShown('[data-testid="review-screen"] h1');
    showToast(`${postIds.length} ${postIds.length === 1 ? 'draft' : 'drafts'} written offline, waiting in Review.`);
  };

  return (
    <Page title="Plan a month" testId="planner" note="Pick pillars, templates and accounts. Loomcast writes a draft for each of their posting times; the drafts wait in Review for you.">
      <div className="planner-form">
        <div className="planner-period">
          <label className="field">
            <span className="field-label">First day</span>
            <input type="date" value={startDateOf(s, zone)} data-testid="planner-start" onChange={(e) => choose({ startDate: e.target.value })} />
          </label>
          <FormField id="planner-days-field" label="Days" error={days === null ? 'Enter a number' : undefined} errorId="planner-days-error" errorTestId="planner-days-error">
            {(aria) => <input className="text-input" type="number" min={7} max={31} value={s.days} data-testid="planner-days" onChange={(e) => choose({ days: e.target.value })} {...aria} />}
          </FormField>
        </div>
        <Choices
          legend="Pillars"
          testId="planner-pillars"
          options={s.pillars?.map((p) => ({ id: p.id, label: <span><span className="planner-swatch" style={{ background: p.color }} aria-hidden="true" />{p.name}</span> })) ?? null}
          selected={s.pillarIds}
          onChange={(pillarIds) => choose({ pillarIds })}
          empty={<>No pillars yet. <a href="#/library">Add them in Library</a>.</>}
        />
        <Choices
          legend="Templates"
          testId="planner-templates"
          options={s.templates?.map((t) => ({ id: t.id, label: t.name })) ?? null}
          selected={s.templateIds}
          onChange={(templateIds) => choose({ templateIds })}
          empty={<>No templates yet. <a href="#/library">Add them in Library</a>.</>}
        />
        <Choices
          legend="Accounts (they post at their posting times, set in Accounts)"
          testId="planner-accounts"
          options={accounts?.map((a) => ({ id: a.id, label: `${a.handle} · ${PLATFORM_NAMES[a.platform]}` })) ?? null}
          selected={s.accountIds}
          onChange={(accountIds) => choose({ accountIds })}
          empty={<>No accounts connected yet. <a href="#/accounts">Connect one in Accounts</a>.</>}
        />
        {s.campaigns && s.campaigns.length > 0 ? (
          <label className="field">
            <span className="field-label">Campaign (optional)</span>
            <select value={s.campaignId ?? ''} data-testid="planner-campaign" onChange={(e) => choose({ campaignId: e.target.value || null })}>
              <option value="">None</option>
              {s.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <div className="planner-actions">
        <button type="button" className="btn" disabled={!ready} aria-busy={s.busy || undefined} aria-describedby={ready ? undefined : 'planner-preview-reason'} data-testid="planner-preview-button" onClick={preview}>
          Preview
        </button>
        {/* A disabled button says why next to it, as the composer's Schedule does. */}
        {ready ? null : (
          <span className="planner-muted" id="planner-preview-reason" data-testid="planner-preview-reason">
            To preview, {list(needs)}.
          </span>
        )}
        {s.items ? (
          <button type="button" className="btn btn-primary" disabled={s.items.length === 0 || days === null} aria-busy={s.busy || undefined} data-testid="planner-create" onClick={() => void create()}>
            Create {s.items.length} drafts for review
          </button>
        ) : null}
        {s.items && s.items.length > 0 ? (
          <span className="planner-muted" data-testid="planner-writer">
            {where
              ? 'Written offline from your templates, pillars and voices. Once they are made, your model can write them as finished posts.'
              : 'Written offline from your templates, pillars and voices: no AI provider is set up, and nothing leaves this computer.'}
          </span>
        ) : null}
        {s.items && withProblems > 0 ? (
          <span className="planner-muted" data-testid="planner-problem-count">
            {withProblems} of them need a look during review.
          </span>
        ) : null}
      </div>
      <p className="visually-hidden" role="status" data-testid="planner-status">
        {s.items ? `${plural(s.items.length, 'draft', 'drafts')} planned${withProblems > 0 ? `, ${withProblems} of them need a look during review` : ''}.` : ''}
      </p>
      {where ? <MadeDrafts where={where} /> : null}
      {s.problem ? <ProblemNote problem={s.problem} testId="planner-problem" /> : null}
      {s.items ? <PreviewTable items={s.items} /> : null}
    </Page>
  );
}
