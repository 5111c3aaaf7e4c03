import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getCampaignList } from '@/api/campaigns'
import type { Campaign } from '@/api/types'

// The campaign the pages work on: the active one unless the user picks a year.
export const useCampaignStore = defineStore('campaign', () => {
  const list = ref<Campaign[]>([])
  const selectedId = ref<number | null>(null)

  async function load(force = false): Promise<void> {
    if (list.value.length && !force) return
    list.value = (await getCampaignList()).items
    if (!selectedId.value || !list.value.some((c) => c.id === selectedId.value)) {
      const active = list.value.find((c) => c.status === 'active') ?? list.value[0]
      selectedId.value = active ? active.id : null
    }
  }

  const selected = computed(() => list.value.find((c) => c.id === selectedId.value) ?? null)
  return { list, selectedId, selected, load }
})
