import { runGit } from '../../workspace/run-git.ts';

/** Used when the repository has no identity configured. */
const AOS_AUTHOR = { name: 'aos', email: 'aos@localhost' };

const configValue = async (repoDir: string, key: string): Promise<string | null> => {
  const value = await runGit(repoDir, ['config', '--get', key]).then(
    (output) => output.toString('utf8').trim(),
    () => '',
  );
  return value === '' ? null : value;
};

/**
 * Who a local `aos plan` commit is by: the repository's own `user.name` and `user.email` (the
 * person who ran it), or `aos <aos@localhost>` when git has none configured.
 */
export async function gitAuthor(repoDir: string): Promise<{ name: string; email: string }> {
  const [name, email] = await Promise.all([configValue(repoDir, 'user.name'), configValue(repoDir, 'user.email')]);
  return name && email && /^[^<>\n]+$/.test(name) && /^[^<>\s]+$/.test(email) ? { name, email } : AOS_AUTHOR;
}
