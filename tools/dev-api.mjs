// The Development host's API as the tools that look at its pages use it (signed in by the X-Dev-User header).
// One request to look at, filed as a duty officer would (the same flood the tests file).
export async function fileRequest(base) {
  const form = {
    assistingAuthorityId: 'FR-DGSCGC',
    incident: {
      type: 'flood',
      title: "Crue de l'oued Sebou",
      description: 'Inondations majeures dans la plaine du Gharb ; 12 000 personnes évacuées.',
      region: 'Rabat-Salé-Kénitra',
      place: 'Sidi Kacem',
      coordinates: { latitude: 34.22, longitude: -5.71 },
    },
    urgency: 'life-safety',
    capabilities: [
      { code: 'high-capacity-pumping', quantity: 2, notes: 'Modules HCP avec autonomie 72 h' },
      { code: 'flood-rescue-boats', quantity: 4 },
    ],
    neededBy: new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString(),
    contact: { name: 'Youssef El Amrani', phone: '+212612345678', email: 'y.elamrani@protectioncivile.ma' },
    language: 'fr',
  };
  const response = await fetch(`${base}/api/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Dev-User': 'ma-duty' },
    body: JSON.stringify(form),
  });
  if (response.status !== 201) {
    throw new Error(`Filing the request to look at answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()).id;
}

// A decision on the stage waiting for `user`, sent again until the stage has reached its approvers through the queue.
export async function decide(base, user, requestId, decision, comment) {
  for (let attempt = 0; attempt < 150; attempt++) {
    const response = await fetch(`${base}/api/requests/${requestId}/decisions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Dev-User': user },
      body: JSON.stringify({ decision, comment }),
    });
    if (response.ok) {
      return response.json();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${user} could not ${decision} request ${requestId}`);
}
