// Form building blocks. Each control sits inside its own <label>, so it has a visible name that screen readers
// announce and clicking the text focuses the control.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

interface FormProps {
  onSubmit(): unknown;
  className?: string;
  'aria-label'?: string;
  children: ReactNode;
}

/** Submits through `onSubmit` only: no page load, and no browser validation bubbles (errors are shown inline). */
export function Form({ onSubmit, className = 'common-stack', children, ...rest }: FormProps) {
  return (
    <form
      noValidate
      className={className}
      {...rest}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}

type InputFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  label: string;
  value: string;
  onValue(value: string): void;
};

export function InputField({ label, onValue, ...input }: InputFieldProps) {
  return (
    <label>
      {label}
      <input {...input} onChange={(e) => onValue(e.target.value)} />
    </label>
  );
}

export interface Choice {
  value: string;
  label: string;
  /** The label's language, when it differs from the page's (a language picker names each in its own). */
  lang?: string;
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  label: string;
  value: string;
  choices: readonly Choice[];
  /** A first option with the value '': "any" for a filter, or "none available" when `choices` is empty. */
  emptyChoice?: string;
  onValue(value: string): void;
};

export function SelectField({ label, choices, emptyChoice, onValue, ...select }: SelectFieldProps) {
  return (
    <label>
      {label}
      <select {...select} onChange={(e) => onValue(e.target.value)}>
        {emptyChoice !== undefined && <option value="">{emptyChoice}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value} lang={c.lang}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckboxField({
  label,
  checked,
  onChecked,
}: {
  label: string;
  checked: boolean;
  onChecked(checked: boolean): void;
}) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChecked(e.target.checked)} />
      {label}
    </label>
  );
}
