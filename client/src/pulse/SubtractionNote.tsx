/**
 * AN-9: said before anyone answers. A distribution shows only when each person sees at least `minOthers`
 * answers besides their own — and even then, if all the others answered the same, everyone can tell.
 */
export function SubtractionNote({ minOthers }: { minOthers: number }) {
  return (
    <p className="hint subtraction-note">
      Results show only once at least {minOthers + 1} people have answered, so everyone sees at least {minOthers} answers
      besides their own. If everyone else answers the same, you will be able to tell what they answered — and so will they.
    </p>
  );
}
