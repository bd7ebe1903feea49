/**
 * Text → terms with wink-nlp and its English light model: tokens, Porter-2 stems, stop words and negation scope.
 * A word inside a negation's scope ("never lowered", "cannot move funds") yields its stem and "not_<stem>".
 */
import winkNLP, { type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";

const nlp = winkNLP(model);
const its = nlp.its;

/** Stems of the words and numbers of `text`, stop words dropped, negated words doubled as "not_<stem>". */
export function textTerms(text: string): string[] {
  const tokens = nlp.readDoc(text).tokens();
  // wink-nlp's typings give its.stem the (rdd) signature of the helper; at run time it is a token its-function
  const stems = tokens.out(its.stem as unknown as ItsFunction<string>) as unknown as string[];
  const types = tokens.out(its.type) as string[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const neg = tokens.out(its.negationFlag) as unknown as boolean[];
  const out: string[] = [];
  for (let i = 0; i < stems.length; i++) {
    if (types[i] !== "word" && types[i] !== "number") continue;
    if (stop[i]) continue;
    const s = stems[i].toLowerCase();
    out.push(s);
    if (neg[i]) out.push(`not_${s}`);
  }
  return out;
}
