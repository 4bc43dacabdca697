// The exam bar: the time left (from when the exam's world was first built, so a reload does not
// restart the clock), tasks flagged for review, and End exam. When time is up the exam ends.

import { useEffect, useState } from 'react';
import { actions } from '../controller';
import { useApp } from '../store';

export function remainingMs(startedAt: number | undefined, minutes: number | undefined, now: number): number | undefined {
  if (startedAt === undefined || !minutes) return undefined;
  return Math.max(0, startedAt + minutes * 60_000 - now);
}

export function clock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

export function ExamBar() {
  const lab = useApp((s) => s.lab);
  const progress = useApp((s) => s.progress);
  const checking = useApp((s) => s.checking);
  const [now, setNow] = useState(() => Date.now());
  const ended = progress.examEndedAt !== undefined;
  useEffect(() => {
    if (ended) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [ended]);
  const left = remainingMs(progress.examStartedAt, lab?.minutes, ended ? (progress.examEndedAt as number) : now);
  useEffect(() => {
    if (left === 0 && !ended && !checking) actions.endExam();
  }, [left, ended, checking]);
  if (!lab) return null;
  const tasks = lab.tasks?.length ?? 0;
  const flagged = progress.flagged.length;
  const low = left !== undefined && left < 5 * 60_000;
  return (
    <div className={`exam-bar ${ended ? 'ended' : ''}`} data-testid="exam-bar">
      <span className={`exam-timer ${low && !ended ? 'low' : ''}`} data-testid="exam-timer" title="Time left in this exam">
        <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" className="exam-clock">
          <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 5.5V9l2.2 1.6M6 1.5h4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>{' '}
        {ended ? 'Exam ended' : left !== undefined ? `${clock(left)} left` : 'No time limit'}
      </span>
      <span className="exam-meta">
        {tasks} tasks{flagged ? ` · ${flagged} flagged` : ''}
      </span>
      <button
        type="button"
        className="btn small primary"
        disabled={checking}
        data-testid="end-exam"
        onClick={() => {
          if (ended || confirm('End the exam and see your score? You can keep working and check again afterwards.')) actions.endExam();
        }}
      >
        {checking ? 'Grading…' : ended ? 'Check again' : 'End exam'}
      </button>
    </div>
  );
}
