import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// Served by the C++ server from dist/ at "/"; in development Vite proxies the
// API to a server on port 8080 (make run).
export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // Element Plus is registered whole; its chunk is large but cached forever (hashed name).
    chunkSizeWarningLimit: 1200,
  },
})
