"""French and Spanish versions of the demo's texts (unofficial translations, made for
the demo), looked up by their English original."""

from common.translated import TRANSLATIONS, localized

# English original → (French, Spanish)
VERSIONS = {
    # The year
    "Migration and social change": ("Migration et changement social", "Migración y cambio social"),
    # Meetings
    "Informal consultations on the International Dialogue on Migration": (
        "Consultations informelles sur le Dialogue international sur la migration",
        "Consultas informales sobre el Diálogo Internacional sobre la Migración",
    ),
    "Migration and transnationalism: Opportunities and challenges": (
        "Migration et transnationalisme : opportunités et défis",
        "Migración y transnacionalismo: oportunidades y desafíos",
    ),
    "Societies and identities: the multifaceted impact of migration": (
        "Sociétés et identités : les multiples incidences de la migration",
        "Sociedades e identidades: las múltiples repercusiones de la migración",
    ),
    "Geneva": ("Genève", "Ginebra"),
    (
        "The first intersessional workshop of 2010 examined the opportunities and "
        "challenges of migration and transnationalism for migrants, their families "
        "and societies of origin and destination."
    ): (
        "Le premier atelier intersessions de 2010 a examiné les opportunités et les défis "
        "que la migration et le transnationalisme présentent pour les migrants, leur famille "
        "et les sociétés d'origine et de destination.",
        "El primer taller entre reuniones de 2010 examinó las oportunidades y los desafíos "
        "que la migración y el transnacionalismo plantean a los migrantes, sus familias y "
        "las sociedades de origen y de destino.",
    ),
    (
        "The second intersessional workshop will focus on the societal implications "
        "of migration and social change: integration, social remittances, xenophobia "
        "and diversity."
    ): (
        "Le second atelier intersessions portera sur les incidences sociétales de la "
        "migration et du changement social : intégration, rapatriements sociaux, xénophobie "
        "et diversité.",
        "El segundo taller entre reuniones se centrará en las repercusiones sociales de la "
        "migración y el cambio social: integración, remesas sociales, xenofobia y diversidad.",
    ),
    # Agenda sessions
    "Opening and welcome": ("Ouverture et bienvenue", "Apertura y bienvenida"),
    "Session I: Transnationalism – concepts and lived realities": (
        "Séance I : Le transnationalisme – concepts et réalités vécues",
        "Sesión I: El transnacionalismo – conceptos y realidades vividas",
    ),
    "Session II: Rethinking policy for transnational realities": (
        "Séance II : Repenser les politiques face aux réalités transnationales",
        "Sesión II: Replantear las políticas ante las realidades transnacionales",
    ),
    "Session III: Supporting migrants and families across borders": (
        "Séance III : Soutenir les migrants et leur famille par-delà les frontières",
        "Sesión III: Apoyar a los migrantes y sus familias más allá de las fronteras",
    ),
    "Session IV: Partnerships across borders, societies and cultures": (
        "Séance IV : Des partenariats par-delà les frontières, les sociétés et les cultures",
        "Sesión IV: Alianzas más allá de las fronteras, las sociedades y las culturas",
    ),
    "Wrap-up and closing remarks": ("Synthèse et observations finales", "Síntesis y clausura"),
    "Session I: Integration in societies of destination": (
        "Séance I : L'intégration dans les sociétés de destination",
        "Sesión I: La integración en las sociedades de destino",
    ),
    "Session II: Social remittances": (
        "Séance II : Les rapatriements sociaux",
        "Sesión II: Las remesas sociales",
    ),
    "Session III: Xenophobia and diversity": (
        "Séance III : Xénophobie et diversité",
        "Sesión III: Xenofobia y diversidad",
    ),
    "Session IV: Identities in societies of origin": (
        "Séance IV : Les identités dans les sociétés d'origine",
        "Sesión IV: Las identidades en las sociedades de origen",
    ),
    "Introduction to the IDM 2010 overarching theme, “Migration and social change”.": (
        "Présentation du thème général du DIM 2010, « Migration et changement social ».",
        "Presentación del tema general del DIM 2010, «Migración y cambio social».",
    ),
    "How do migrants live across borders, and what does this mean for policy?": (
        "Comment les migrants vivent-ils par-delà les frontières, et qu'est-ce que cela "
        "signifie pour les politiques ?",
        "¿Cómo viven los migrantes más allá de las fronteras y qué significa esto para las "
        "políticas?",
    ),
    "Reaching out to diasporas; coordination beyond national spaces.": (
        "Aller vers les diasporas ; la coordination au-delà des espaces nationaux.",
        "Acercarse a las diásporas; la coordinación más allá de los espacios nacionales.",
    ),
    "Undocumented migrants, women and children in vulnerable situations.": (
        "Migrants sans papiers, femmes et enfants en situation de vulnérabilité.",
        "Migrantes indocumentados, mujeres y niños en situación de vulnerabilidad.",
    ),
    "Governmental and non-governmental stakeholders at every level.": (
        "Les acteurs gouvernementaux et non gouvernementaux à tous les niveaux.",
        "Las partes interesadas gubernamentales y no gubernamentales a todos los niveles.",
    ),
    "Speakers to be confirmed.": ("Intervenants à confirmer.", "Oradores por confirmar."),
    "Case studies welcome from the membership.": (
        "Les études de cas des États membres sont les bienvenues.",
        "Se aceptan estudios de caso de los Estados Miembros.",
    ),
    # The consultation and its proposals
    "Overarching theme of IDM 2011": (
        "Thème général du DIM 2011",
        "Tema general del DIM 2011",
    ),
    (
        "The Administration requests the membership to select an overarching theme "
        "for IDM 2011 from the two proposals below, or to make alternative suggestions."
    ): (
        "L'Administration invite les États membres à choisir le thème général du DIM 2011 "
        "parmi les deux propositions ci-dessous, ou à faire d'autres suggestions.",
        "La Administración invita a los Estados Miembros a elegir el tema general del "
        "DIM 2011 entre las dos propuestas siguientes, o a formular otras sugerencias.",
    ),
    "The future of migration: Building capacities for change": (
        "L'avenir des migrations : renforcer les capacités face au changement",
        "El futuro de la migración: creación de capacidades para el cambio",
    ),
    "Migration and human security": (
        "Migration et sécurité humaine",
        "Migración y seguridad humana",
    ),
    (
        "Building the capacities of States to prepare for and respond to changing "
        "migration trends, in line with the World Migration Report 2010."
    ): (
        "Renforcer les capacités des États à se préparer et à répondre à l'évolution des "
        "tendances migratoires, dans la ligne du Rapport État de la migration dans le "
        "monde 2010.",
        "Crear capacidades en los Estados para prepararse y responder a la evolución de las "
        "tendencias migratorias, en consonancia con el Informe sobre las Migraciones en el "
        "Mundo 2010.",
    ),
    (
        "Placing migration within the human security framework, which brings together "
        "security, development, humanitarian and human rights perspectives."
    ): (
        "Placer la migration dans le cadre de la sécurité humaine, qui réunit les "
        "perspectives de la sécurité, du développement, de l'action humanitaire et des "
        "droits de l'homme.",
        "Situar la migración en el marco de la seguridad humana, que reúne las perspectivas "
        "de la seguridad, el desarrollo, la acción humanitaria y los derechos humanos.",
    ),
}


def translated(**originals: str) -> dict[str, str]:
    """`title="Geneva"` → {"title_fr": "Genève", "title_es": "Ginebra"}: the service
    keywords of each text's versions (none for a text without any)."""
    keywords = {}
    for field, original in originals.items():
        versions = VERSIONS.get(original)
        if versions is None:
            continue
        for language, text in zip(TRANSLATIONS, versions, strict=True):
            keywords[localized(field, language)] = text
    return keywords
