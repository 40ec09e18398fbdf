/**
 * The one place that turns a task into what the model is asked. Kept identical across models so that differences
 * in the answers are the models', not the prompts'.
 */
import type { BenchTask, TaskLanguage } from './types';

export const LANGUAGE_NAMES: Record<TaskLanguage, string> = { python: 'Python', javascript: 'JavaScript' };
export const FENCE_TAGS: Record<TaskLanguage, string> = { python: 'python', javascript: 'javascript' };

export function buildTaskPrompt(task: BenchTask): string {
  if (task.kind === 'prompt') return task.prompt;
  const lang = LANGUAGE_NAMES[task.language];
  const style = task.language === 'javascript' ? 'plain JavaScript for Node.js (CommonJS, no exports, no imports of npm packages)' : 'Python 3 (standard library only)';
  return [
    `Write the ${lang} function \`${task.entryPoint}\` described below, in ${style}.`,
    `Reply with one \`\`\`${FENCE_TAGS[task.language]} code block containing the complete function and any imports or helpers it needs. Do not include tests, example usage or input reading.`,
    '',
    task.prompt,
  ].join('\n');
}
