import '@fontsource/be-vietnam-pro/latin-400.css';
import '@fontsource/be-vietnam-pro/vietnamese-400.css';
import '@fontsource/be-vietnam-pro/latin-600.css';
import '@fontsource/be-vietnam-pro/vietnamese-600.css';
import './styles.css';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { ApiProblem } from './api/client';
import { App } from './app';
import { currentLanguage } from './i18n';

// Reads are refreshed when a screen comes back; a rejected read is not retried (a 401 or 403 stays one).
// A read answered 401 means the session ended (expired, restarted server, deactivated user): back to sign-in.
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 401) queryClient.setQueryData(['me'], null);
    },
  }),
  // offlineFirst: a read is tried even when the device says it has no network, so the service
  // worker can answer it from what the screen last showed.
  defaultOptions: { queries: { retry: false, staleTime: 5_000, refetchOnWindowFocus: true, networkMode: 'offlineFirst' } },
});

// The service worker keeps the app's files and its last reads on the device (see vite.config.ts).
if ('serviceWorker' in navigator) void registerSW({ immediate: true });

document.documentElement.lang = currentLanguage();
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
