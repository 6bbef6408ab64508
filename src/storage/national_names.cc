#include "storage/national_names.h"

namespace parcours::storage::national {

// clang-format off
const std::vector<std::string>& male_first_names() {
  static const std::vector<std::string> v = {
      "Thomas", "Nicolas", "Julien", "Kévin", "Maxime", "Alexandre", "Anthony", "Jérémy", "Mickaël",
      "Romain", "Sébastien", "Florian", "Jonathan", "Dylan", "Mehdi", "Karim", "Yanis", "Rayan",
      "Bilal", "Mohamed", "Sofiane", "Ibrahim", "Moussa", "Mamadou", "Lucas", "Hugo", "Théo",
      "Enzo", "Mathis", "Loïc", "Grégory", "Stéphane", "Frédéric", "Cédric", "Jérôme", "Franck",
      "Ludovic", "David", "Christophe", "Laurent", "Olivier", "Éric", "Patrick", "Pascal",
      "Didier", "Thierry", "Bruno", "Philippe", "Alain", "Michel", "Jean-Pierre", "José",
      "Antoine", "Benoît", "Damien", "Fabien", "Guillaume", "Aurélien", "Valentin", "Quentin",
      "Adrien", "Bastien", "Jordan", "Steven", "Teddy", "Samir", "Nabil", "Rachid", "Youssef",
      "Hamza", "Ousmane", "Adama", "Sékou", "Gaëtan", "Joël", "Noé", "Rémi", "Yoann", "Ibrahima",
      "Killian", "Nathan", "Ryan", "Ilyès", "Anis", "Wassim", "Cyril", "Matthieu", "Jean-Marc",
      "Hervé", "Yannick", "Gilles", "Lionel", "Mathéo", "Timothée", "Jean-Baptiste", "Malik",
  };
  return v;
}

const std::vector<std::string>& female_first_names() {
  static const std::vector<std::string> v = {
      "Marie", "Julie", "Sarah", "Laura", "Camille", "Manon", "Émilie", "Céline", "Aurélie",
      "Sandrine", "Nathalie", "Stéphanie", "Jessica", "Amandine", "Mélanie", "Élodie", "Océane",
      "Inès", "Léa", "Chloé", "Anaïs", "Fatima", "Amina", "Nadia", "Samia", "Yasmine", "Aïcha",
      "Mariama", "Kadiatou", "Hélène", "Sophie", "Karine", "Valérie", "Virginie", "Audrey", "Cindy",
      "Laetitia", "Coralie", "Sabrina", "Jennifer", "Noémie", "Zoé", "Clémence", "Maëlle", "Gaëlle",
      "Josiane", "Brigitte", "Sylvie", "Christelle", "Morgane", "Lucie", "Pauline", "Charlotte",
      "Élise", "Agnès", "Patricia", "Fanny", "Kenza", "Naïma", "Rokia",
  };
  return v;
}

const std::vector<std::string>& last_names() {
  static const std::vector<std::string> v = {
      "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
      "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
      "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert",
      "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
      "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
      "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
      "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche",
      "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand", "Dufour",
      "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
      "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc",
      "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq",
      "Lacroix", "Fabre", "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis",
      "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume", "Adam", "Rey", "Moulin", "Gonzalez",
      "Berger", "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier", "Julien", "Benoît",
      "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet", "Collet",
      "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Paul",
      "Lainé", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Barré", "Marty", "Cousin",
      "Benali", "Diallo", "Traoré", "Haddad", "Belkacem", "Mansouri", "Cissé", "Koné", "Boukhari",
      "Mendy", "Camara", "Sylla", "Ferreira", "Pereira", "Dos Santos", "Rodrigues", "Yilmaz",
      "Kaya", "Bouzid", "Chérif", "Hamdi", "Benamar", "Ndiaye", "Diop", "Sow", "Keita", "Ouali",
      "Lebrun", "Le Goff", "Besnard", "Pelletier", "Hoarau", "Payet", "Grondin", "Lemaître",
      "Bailly", "Hervé", "Tessier", "Jacob", "Delmas", "Cordier", "Étienne", "Gillet", "Humbert",
  };
  return v;
}

const std::vector<std::string>& street_names() {
  static const std::vector<std::string> v = {
      "rue de la République", "avenue Jean-Jaurès", "boulevard Victor-Hugo", "rue Pasteur",
      "place de la Mairie", "rue du Général-de-Gaulle", "rue Gambetta", "avenue de la Gare",
      "rue des Écoles", "rue Émile-Zola", "chemin des Vignes", "allée des Tilleuls",
      "rue Voltaire", "rue de la Liberté", "boulevard Carnot", "rue Jules-Ferry",
      "impasse des Lilas", "rue du Moulin", "avenue Aristide-Briand", "rue Anatole-France",
  };
  return v;
}

const std::vector<std::string>& provider_names() {
  static const std::vector<std::string> v = {
      "Trajectoires Insertion (démo)", "Passerelles Compétences (démo)",
      "Horizons Formation Insertion (démo)", "Ressources et Parcours (démo)",
      "Tremplin Justice Emploi (démo)", "Chemins d’Avenir (démo)", "Parcours Pluriel (démo)",
      "Atelier des Possibles (démo)", "Boussole Insertion (démo)", "Émergence Formation (démo)",
      "Sillage Insertion (démo)", "Cap Compétences (démo)", "Repères Insertion (démo)",
      "Levier Emploi (démo)", "Envol Formation (démo)", "Archipel Insertion (démo)",
      "Phare Insertion (démo)", "Relais Emploi Justice (démo)", "Itinéraires Emploi (démo)",
      "Rebond Insertion (démo)", "Ancrage Formation (démo)", "Cordée Insertion (démo)",
      "Essor Compétences (démo)", "Passage Emploi (démo)", "Solstice Insertion (démo)",
      "Tisserands de l’Emploi (démo)", "Vers l’Emploi Sud (démo)", "Ouvertures Insertion (démo)",
      "Réseau Avenir Justice (démo)", "Nouveau Départ Formation (démo)",
  };
  return v;
}

const std::vector<std::string>& diagnoses_without_diploma() {
  static const std::vector<std::string> v = {
      "Sortie du système scolaire avant 16 ans. Quelques missions d’intérim en manutention. "
      "Difficultés à l’écrit ; à l’aise à l’oral.",
      "Aucun diplôme. Expériences en restauration rapide et en nettoyage. Souhaite un métier "
      "stable à la sortie.",
      "Parcours scolaire interrompu en 4e. Travail au noir dans le bâtiment. Pas de CV.",
      "Petits emplois saisonniers (vendanges, maraîchage). Permis B non obtenu. Projet flou.",
      "Sans qualification, a travaillé comme agent de sécurité sans carte professionnelle.",
      "Maîtrise fragile du français écrit. Expérience de livreur. Intéressé par la logistique.",
      "Longue période sans emploi avant l’incarcération. Freins : logement, mobilité.",
  };
  return v;
}

const std::vector<std::string>& diagnoses_with_diploma() {
  static const std::vector<std::string> v = {
      "CAP maçonnerie, expériences dans le bâtiment. Souhaite évoluer vers chef d’équipe.",
      "CAP cuisine, dix ans en restauration collective. Projet : reprendre dans la restauration.",
      "BEP vente. Expérience de vendeur en magasin de sport. Veut préparer un titre professionnel.",
      "Baccalauréat professionnel commerce. Souhaite reprendre une formation qualifiante.",
      "BTS maintenance industrielle. Technicien pendant six ans. Projet de reconversion.",
      "Licence d’histoire inachevée, emplois administratifs. Souhaite travailler dans l’accueil.",
      "CAP mécanique automobile. Projet : garage solidaire ou entretien de flotte.",
      "Titre professionnel de préparateur de commandes. CACES 1, 3 et 5 à renouveler.",
  };
  return v;
}

const std::vector<std::string>& objectives() {
  static const std::vector<std::string> v = {
      "Construire un projet professionnel réaliste avant la sortie.",
      "Identifier une formation qualifiante accessible à la sortie.",
      "Préparer la recherche d’emploi : CV, lettre, simulation d’entretien.",
      "Lever les freins périphériques et définir un projet.",
      "Explorer les métiers de la logistique et du transport.",
      "Préparer un aménagement de peine par un projet d’insertion.",
      "Valoriser les compétences acquises au travail en détention.",
      "Construire un projet dans le bâtiment avant la sortie.",
      "Reprendre contact avec le monde du travail après une longue inactivité.",
  };
  return v;
}

const std::vector<std::string>& programme_contents() {
  static const std::vector<std::string> v = {
      "Positionnement et bilan des compétences, définition d’un projet réaliste, CV et lettre "
      "de motivation, recherche de formation.",
      "Tests d’intérêts professionnels (RIASEC), exploration de trois métiers, enquêtes métier, "
      "plan d’action pour la sortie.",
      "Information sur les dispositifs locaux (France Travail, Mission locale, IAE), aide aux "
      "candidatures, préparation aux entretiens.",
      "Valorisation de l’expérience acquise, rédaction du CV, recherche d’offres et mise en "
      "relation avec des employeurs partenaires.",
      "Travail sur la confiance en soi et la présentation, définition du projet, démarches de "
      "formation avec la Région.",
  };
  return v;
}

const std::vector<std::string>& justifications() {
  static const std::vector<std::string> v = {
      "Projet à construire ; une séance par semaine environ.",
      "Projet déjà identifié : volume resserré sur les démarches.",
      "Freins importants à lever avant toute démarche : volume renforcé.",
      "Durée de peine restante courte : programme intensif sur deux mois.",
      "Besoin d’un accompagnement progressif, au rythme de la personne.",
  };
  return v;
}

const std::vector<std::string>& calendars() {
  static const std::vector<std::string> v = {
      "Une séance par semaine, le mardi ou le jeudi matin.",
      "Deux séances par mois, le lundi après-midi.",
      "Une séance par semaine, le mercredi après-midi, hors temps de travail.",
      "Séances hebdomadaires le vendredi matin, ateliers collectifs en complément.",
  };
  return v;
}

const std::vector<std::string>& refusal_comments() {
  static const std::vector<std::string> v = {
      "Le volume d’heures paraît élevé au regard du projet : merci de le resserrer.",
      "Merci d’intégrer la recherche de formation financée par la Région.",
      "Le calendrier chevauche les heures de travail aux ateliers : à revoir.",
      "Projet à préciser avant validation.",
      "",
  };
  return v;
}

const std::vector<std::string>& validation_comments() {
  static const std::vector<std::string> v = {
      "Programme validé.", "Validé en cohérence avec le projet d’exécution de peine.",
      "Validé ; merci de me tenir au courant de l’avancement.", "",
  };
  return v;
}

const std::vector<std::string>& withdrawal_reasons() {
  static const std::vector<std::string> v = {
      "Transfert de la personne vers un autre établissement avant le premier entretien.",
      "Entrée en formation qualifiante sur le même créneau.",
      "Libération anticipée : suivi repris par l’antenne de milieu ouvert.",
      "La personne ne souhaite plus s’engager dans le programme.",
  };
  return v;
}

const std::vector<std::string>& cancellation_notes() {
  static const std::vector<std::string> v = {
      "Mouvements bloqués en détention.", "Indisponibilité de l’intervenant.",
      "Salle indisponible ce jour-là.", "Extraction judiciaire de la personne.",
      "Report à la demande de la personne.",
  };
  return v;
}

const std::vector<std::string>& source_details() {
  static const std::vector<std::string> v = {
      "Responsable local de formation", "Entretien arrivants", "Commission du jeudi",
      "Conseillère France Travail Justice", "Conseiller Mission locale", "Psychologue PEP",
      "Infirmière de l’unité sanitaire", "Service de l’emploi pénitentiaire", "",
  };
  return v;
}

const std::vector<std::string>& orientation_comments() {
  static const std::vector<std::string> v = {
      "Demande formulée lors de l’entretien d’arrivée.",
      "La personne souhaite être aidée pour préparer sa sortie.",
      "Orientation proposée en CPU après le bilan de début de peine.",
      "Souhaite construire un projet de formation.", "",
  };
  return v;
}

const std::vector<std::string>& declined_comments() {
  static const std::vector<std::string> v = {
      "Formation régionale déjà engagée : pas de PPAIP pour l’instant.",
      "Date de libération trop proche pour un programme complet ; orientation vers France Travail.",
      "La personne a retiré sa demande lors de l’entretien avec le CPIP.",
  };
  return v;
}

const std::vector<std::string>& workshop_titles() {
  static const std::vector<std::string> v = {
      "Préparer sa sortie", "Cibler ses compétences", "Se présenter à un employeur",
      "Trouver sa voie", "Reprendre confiance",
  };
  return v;
}

const std::vector<std::string>& external_professionals() {
  static const std::vector<std::string> v = {
      "", "", "Une conseillère France Travail Justice (dernière séance)",
      "Un conseiller de la Mission locale", "Un chef d’entreprise du bâtiment",
      "Une formatrice de l’AFPA",
  };
  return v;
}

const std::vector<std::string>& professional_projects() {
  static const std::vector<std::string> v = {
      "Préparateur de commandes en entrepôt logistique, avec le CACES 1.",
      "Agent d’entretien du bâtiment, via un chantier d’insertion à la sortie.",
      "Commis de cuisine en restauration collective.",
      "Formation qualifiante de maçon VRD financée par la Région.",
      "Employé libre-service en grande distribution.",
      "Agent de propreté et d’hygiène, emploi en entreprise d’insertion.",
  };
  return v;
}

const std::vector<std::string>& action_plans() {
  static const std::vector<std::string> v = {
      "Inscription à France Travail dès la sortie ; candidatures aux offres repérées ; "
      "rendez-vous pris avec la Mission locale.",
      "Dossier de formation déposé ; entretien de sélection à préparer ; CV à jour remis.",
      "Mise en relation avec un chantier d’insertion ; visite médicale à programmer.",
      "Recherche d’offres hebdomadaire avec le conseiller ; permis B à financer.",
  };
  return v;
}
// clang-format on

}  // namespace parcours::storage::national
