import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getHome, type HomeCounts } from '@/api/home'
import { useCampaignStore } from './campaign'

const none = (): HomeCounts => ({ approvals: 0, reviews: 0, forms: 0, tasks: 0 })

/**
 * The counts of work waiting for the user (待办), for the menu's badges: one
 * request for the whole menu, refreshed on navigation and every minute by the
 * layout, and by the home page when it loads the same answer.
 */
export const useHomeStore = defineStore('home', () => {
  const counts = ref<HomeCounts>(none())
  let inFlight = false

  /** Quietly: a badge that cannot load must not pop an error. */
  async function refresh(): Promise<void> {
    if (inFlight) return
    inFlight = true
    try {
      const campaigns = useCampaignStore()
      await campaigns.load()
      counts.value = campaigns.selectedId ? (await getHome(campaigns.selectedId, true)).counts : none()
    } catch {
      // Keep the last counts.
    } finally {
      inFlight = false
    }
  }

  function set(next: HomeCounts): void {
    counts.value = next
  }

  function reset(): void {
    counts.value = none()
  }

  return { counts, refresh, set, reset }
})
