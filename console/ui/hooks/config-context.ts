import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleConfig } from '../../api-types';

/** The running stack's configuration, loaded once before any view renders. */
export const ConfigContext = createContext<ConsoleConfig | null>(null);

export function useConfig(): ConsoleConfig {
  const config = useContext(ConfigContext);
  if (config === null) throw new Error('useConfig is used outside the loaded app');
  return config;
}
