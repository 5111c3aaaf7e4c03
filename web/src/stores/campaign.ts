import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getCampaignList } from '@/api/campaigns'
import type { Campaign } from '@/api/campaigns'

const STORAGE_KEY = 'vocweek.campaign'

/** The campaign (year) the campaign pages work on: the active one unless the user picks another. */
export const useCampaignStore = defineStore('campaign', () => {
  const list = ref<Campaign[]>([])
  const selectedId = ref<number | null>(Number(sessionStorage.getItem(STORAGE_KEY)) || null)
  const loaded = ref(false)

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return
    list.value = (await getCampaignList()).items
    loaded.value = true
    if (!list.value.some((c) => c.id === selectedId.value)) {
      const active = list.value.find((c) => c.status === 'active') ?? list.value[0]
      select(active ? active.id : null)
    }
  }

  function select(id: number | null): void {
    selectedId.value = id
    if (id) sessionStorage.setItem(STORAGE_KEY, String(id))
    else sessionStorage.removeItem(STORAGE_KEY)
  }

  function reset(): void {
    list.value = []
    loaded.value = false
  }

  const selected = computed(() => list.value.find((c) => c.id === selectedId.value) ?? null)
  return { list, selectedId, selected, load, select, reset }
})
