import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { elementPlusStyles } from './scripts/element-plus-styles.ts'

// Served by the C++ server from dist/ at "/"; in development Vite proxies the
// API to a server on port 8080 (make run).
export default defineConfig({
  base: '/',
  plugins: [vue(), elementPlusStyles()],
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
    // dist/.vite/manifest.json: which chunks and CSS each page loads first,
    // read by scripts/public-weight.mjs to hold the public site to its budget.
    manifest: true,
    // The admin pages register Element Plus whole; its chunk is large but cached forever
    // (hashed name). The public site never loads it (scripts/public-weight.mjs).
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Vue and the router in one chunk: every page needs both, and one file
        // compresses better than the five the automatic split makes of them.
        codeSplitting: { groups: [{ name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/ }] },
      },
    },
  },
})
