/** What the bare-Monaco control page exposes to the benchmark, as `globalThis.__bareEditor`. */
export interface BareEditorHandle {
  setText(text: string): void;
  text(): string;
}
