import { Link } from 'react-router-dom';
import { usePageTitle } from '../ui/usePageTitle.js';

// The three pages every public service links from its footer (RGAA and the State's site rules):
// accessibility statement, legal notice, personal data. Plain text, in French.

export function AccessibilityPage() {
  usePageTitle('Déclaration d’accessibilité');
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’Agence régionale de santé (ARS) qui opère le Guichet Installation Santé s’engage à rendre ses services numériques accessibles, conformément à
        l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s’applique au site du guichet : espace public, espace candidat, espace des
        instructeurs et espace des offreurs.
      </p>
      <h2>État de conformité</h2>
      <p>
        Le guichet est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA) version 4.1 : aucun audit de
        conformité n’a encore été réalisé. En l’absence d’audit, un site est réputé non conforme.
      </p>
      <h2>Ce qui est vérifié</h2>
      <ul>
        <li>
          Chaque page principale est contrôlée à chaque version par l’outil automatique axe-core (règles WCAG 2.1 niveaux A et AA) : aucune erreur grave ou
          critique n’est acceptée.
        </li>
        <li>Le formulaire se remplit au clavier seul ; chaque erreur est liée à son champ et le récapitulatif renvoie au champ à corriger.</li>
        <li>Les graphiques des statistiques sont accompagnés d’un tableau de données.</li>
        <li>Aucune page ne défile horizontalement sur un écran de 390 pixels de large.</li>
      </ul>
      <h2>Contenus non accessibles connus</h2>
      <ul>
        <li>Les contrôles automatiques ne couvrent qu’une partie des critères du RGAA ; un audit complet reste à mener.</li>
      </ul>
      <h2>Établissement de cette déclaration</h2>
      <p>Technologies utilisées : HTML5, CSS, JavaScript, WAI-ARIA, système de design de l’État (DSFR).</p>
      <p>Environnement de test : Chromium (Debian) avec axe-core, navigation au clavier.</p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à l’équipe du guichet de votre ARS : elle vous répondra et vous proposera une
        autre façon d’accéder à l’information (par téléphone, par courrier ou par un rendez-vous).
      </p>
      <h2>Voies de recours</h2>
      <p>Si vous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez :</p>
      <ul>
        <li>écrire au Défenseur des droits (formulaire en ligne sur defenseurdesdroits.fr) ;</li>
        <li>contacter le délégué du Défenseur des droits de votre région ;</li>
        <li>envoyer un courrier gratuit, sans timbre, à : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
    </>
  );
}

export function LegalNoticePage() {
  usePageTitle('Mentions légales');
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Le Guichet Installation Santé est édité par l’Agence régionale de santé (ARS) de la région où il est déployé, établissement public de l’État, avec
        l’Assurance Maladie pour les aides conventionnelles. Dans la démonstration, le guichet est celui de l’ARS Centre-Val de Loire.
      </p>
      <h2>Directeur de la publication</h2>
      <p>Le directeur général de l’Agence régionale de santé éditrice.</p>
      <h2>Hébergement</h2>
      <p>Le service est hébergé en France, sur l’infrastructure choisie par l’ARS éditrice.</p>
      <h2>Accessibilité</h2>
      <p>
        Voir la <Link to="/accessibilite">déclaration d’accessibilité</Link>.
      </p>
      <h2>Données personnelles</h2>
      <p>
        Voir la page <Link to="/donnees-personnelles">Données personnelles</Link>.
      </p>
      <h2>Propriété intellectuelle</h2>
      <p>
        Les contenus du site sont publiés sous Licence ouverte 2.0 (Etalab), sauf mention contraire. Le logo de la République française et le système de
        design de l’État sont réservés aux services de l’État.
      </p>
    </>
  );
}

export function PersonalDataPage() {
  usePageTitle('Données personnelles');
  return (
    <>
      <h1>Données personnelles</h1>
      <h2>Qui traite vos données</h2>
      <p>
        L’Agence régionale de santé (ARS) qui opère le guichet est responsable du traitement. Ce traitement relève de sa mission d’intérêt public
        d’accompagnement de l’installation des professionnels de santé (article 6-1-e du règlement général sur la protection des données).
      </p>
      <h2>Pourquoi</h2>
      <ul>
        <li>instruire votre demande d’installation et vous tenir informé de son avancement ;</li>
        <li>vous proposer des locaux, des logements et un emploi pour votre conjoint, avec l’explication de chaque proposition ;</li>
        <li>vérifier les aides auxquelles vous pouvez prétendre.</li>
      </ul>
      <h2>Quelles données</h2>
      <p>
        Celles que vous saisissez dans la demande : identité, coordonnées, situation et spécialité, stage, lieux et date d’installation, besoins (local,
        logement, métier recherché pour votre conjoint), aides déjà reçues et consentements. Pour votre compte : prénom, nom, adresse électronique et mot de
        passe (gardé sous une forme qui ne permet pas de le relire), tenus par le service de connexion du guichet ; l’adresse électronique reçoit le lien de
        confirmation et, si vous le demandez, celui d’un nouveau mot de passe. La simulation des aides, elle, ne demande aucune donnée personnelle.
      </p>
      <h2>Qui les reçoit</h2>
      <p>
        L’équipe du guichet de l’ARS et, pour ce qui les concerne, l’Assurance Maladie. L’Ordre des médecins et les collectivités ne reçoivent votre identité
        que si vous l’avez accepté à l’étape « Consentements » ; sans votre accord, ils ne reçoivent que des informations sans votre nom.
      </p>
      <h2>Ce que garde votre navigateur</h2>
      <p>
        Rien de personnel : votre brouillon est enregistré sur le serveur du guichet au fil de la saisie. Ce qui n’est pas encore enregistré reste dans la page
        ouverte et disparaît avec elle. Le navigateur garde seulement, le temps de l’onglet, votre session de connexion et les choix de la simulation (sans
        nom). Aucun cookie de mesure d’audience n’est déposé.
      </p>
      <h2>Combien de temps</h2>
      <p>
        Le temps de l’accompagnement de votre installation. Vous pouvez à tout moment exporter vos données ou en demander l’effacement depuis la page{' '}
        <Link to="/candidat/mes-donnees">Mes données</Link> ; chaque consultation de votre dossier par un agent y est aussi listée.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez des droits d’accès, de rectification, d’effacement, de limitation et d’opposition. Pour les exercer, utilisez la page « Mes données » ou
        écrivez au délégué à la protection des données de l’ARS. Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à
        la Commission nationale de l’informatique et des libertés (CNIL).
      </p>
    </>
  );
}
