// An exam: the timer bar, the overview, then the tasks with their weights.

import { useApp } from '../store';
import { TaskCard } from './TaskCard';

export function ExamTasks() {
  const lab = useApp((s) => s.lab);
  const grade = useApp((s) => s.grade);
  const progress = useApp((s) => s.progress);
  const graded = progress.examEndedAt !== undefined && !!grade;
  return (
    <div className="tasks">
      {(lab?.tasks ?? []).map((task, i) => {
        const part = graded ? grade?.tasks?.[i] : undefined;
        return (
          <TaskCard
            key={`${lab?.id}-${i}`}
            index={i}
            task={task}
            flagged={progress.flagged.includes(task.title)}
            graded={graded}
            checks={graded ? (grade?.checks.filter((c) => c.task === task.title) ?? []) : []}
            {...(part ? { part } : {})}
          />
        );
      })}
    </div>
  );
}
