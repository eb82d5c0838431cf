/**
 * Renders a translated sentence whose `<1>…</1>` part is emphasised (e.g. "You are <1>{{name}}</1>"), so word
 * order stays the translator's. A few lines instead of react-i18next's <Trans> and its HTML parser.
 */
export function Strong({ text }: { text: string }) {
  const match = /^(.*?)<1>(.*?)<\/1>(.*)$/s.exec(text);
  if (!match) return <>{text}</>;
  return (
    <>
      {match[1]}
      <strong>{match[2]}</strong>
      {match[3]}
    </>
  );
}
