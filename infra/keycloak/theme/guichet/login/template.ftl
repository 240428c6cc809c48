<#-- The page around every login screen: the DSFR header, skip link, one card and footer of the portal. -->
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<#assign portalUrl = ((client.baseUrl)!'')?remove_ending('/')>
<#assign pageHeading><#nested "header"></#assign>
<!DOCTYPE html>
<html lang="fr" data-fr-scheme="light">
<head>
    <meta charset="utf-8">
    <#if properties.meta?has_content>
        <#list properties.meta?split(' ') as meta>
            <meta name="${meta?split('==')[0]}" content="${meta?split('==')[1]}"/>
        </#list>
    </#if>
    <title>${pageHeading?markup_string?trim?no_esc} — ${realm.displayName!'Guichet Installation Santé'}</title>
    <link rel="icon" href="${url.resourcesPath}/dsfr/favicon/favicon.svg" type="image/svg+xml">
    <link rel="apple-touch-icon" href="${url.resourcesPath}/dsfr/favicon/apple-touch-icon.png">
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
            <link href="${url.resourcesPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <#if scripts??>
        <#list scripts as script>
            <script src="${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <script type="module">
        import { startSessionPolling } from "${url.resourcesPath}/js/authChecker.js";
        startSessionPolling("${url.ssoLoginInOtherTabsUrl?no_esc}");
    </script>
    <#if authenticationSession??>
        <script type="module">
            import { checkAuthSession } from "${url.resourcesPath}/js/authChecker.js";
            checkAuthSession("${authenticationSession.authSessionIdHash}");
        </script>
    </#if>
</head>

<body data-page-id="login-${pageId}">
<div class="fr-skiplinks">
    <nav class="fr-container" role="navigation" aria-label="Accès rapide">
        <ul class="fr-skiplinks__list">
            <li><a class="fr-link" href="#contenu">Contenu</a></li>
            <li><a class="fr-link" href="#pied-de-page">Pied de page</a></li>
        </ul>
    </nav>
</div>
<header role="banner" class="fr-header">
    <div class="fr-header__body">
        <div class="fr-container">
            <div class="fr-header__body-row">
                <div class="fr-header__brand<#if portalUrl?has_content> fr-enlarge-link</#if>">
                    <div class="fr-header__brand-top">
                        <div class="fr-header__logo">
                            <p class="fr-logo">République<br>Française</p>
                        </div>
                    </div>
                    <div class="fr-header__service">
                        <#if portalUrl?has_content>
                            <a href="${portalUrl}/" title="Accueil — Guichet Installation Santé">
                                <p class="fr-header__service-title">Guichet Installation Santé</p>
                            </a>
                        <#else>
                            <p class="fr-header__service-title">Guichet Installation Santé</p>
                        </#if>
                        <p class="fr-header__service-tagline">S’installer comme médecin : locaux, logement, emploi du conjoint et aides, en une seule demande</p>
                    </div>
                </div>
            </div>
        </div>
    </div>
</header>

<main role="main" id="contenu" tabindex="-1">
    <div class="fr-container fr-container--fluid fr-mb-md-14v">
        <div class="fr-grid-row fr-grid-row-gutters fr-grid-row--center">
            <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
                <div class="fr-container guichet-carte fr-px-md-0 fr-py-10v fr-py-md-14v fr-mt-md-6w">
                    <div class="fr-grid-row fr-grid-row-gutters fr-grid-row--center">
                        <div class="fr-col-12 fr-col-md-9 fr-col-lg-9">
                            <h1 id="kc-page-title">${pageHeading?markup_string?trim?no_esc}</h1>

                            <#if auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
                                <p id="kc-username">
                                    Compte : <strong id="kc-attempted-username">${auth.attemptedUsername}</strong>
                                    — <a id="reset-login" class="fr-link" href="${url.loginRestartFlowUrl}">changer de compte</a>
                                </p>
                            </#if>

                            <#if displayRequiredFields>
                                <p class="fr-hint-text">Sauf mention contraire, tous les champs sont obligatoires.</p>
                            </#if>

                            <#-- App-initiated actions do not show the warning asking to complete the action. -->
                            <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
                                <div class="fr-alert fr-alert--${message.type} fr-alert--sm fr-mb-3w" <#if message.type = 'error'>role="alert"<#else>role="status"</#if>>
                                    <p>${kcSanitize(message.summary)?no_esc}</p>
                                </div>
                            </#if>

                            <#nested "form">

                            <#if auth?has_content && auth.showTryAnotherWayLink()>
                                <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
                                    <input type="hidden" name="tryAnotherWay" value="on"/>
                                    <button type="submit" class="fr-btn fr-btn--tertiary fr-mt-2w">${msg("doTryAnotherWay")}</button>
                                </form>
                            </#if>

                            <#nested "socialProviders">

                            <#if displayInfo>
                                <div id="kc-info">
                                    <#nested "info">
                                </div>
                            </#if>
                        </div>
                    </div>
                </div>
            </div>
        </div>
    </div>
</main>

<footer class="fr-footer" role="contentinfo" id="pied-de-page">
    <div class="fr-container">
        <div class="fr-footer__body">
            <div class="fr-footer__brand<#if portalUrl?has_content> fr-enlarge-link</#if>">
                <#if portalUrl?has_content>
                    <a href="${portalUrl}/" title="Retour à l’accueil du Guichet Installation Santé">
                        <p class="fr-logo">République<br>Française</p>
                    </a>
                <#else>
                    <p class="fr-logo">République<br>Française</p>
                </#if>
            </div>
            <div class="fr-footer__content">
                <p class="fr-footer__content-desc">Guichet unique régional d’installation des médecins : une demande, des propositions expliquées, un suivi par l’ARS et l’Assurance Maladie.</p>
            </div>
        </div>
        <#if portalUrl?has_content>
            <div class="fr-footer__bottom">
                <ul class="fr-footer__bottom-list">
                    <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${portalUrl}/accessibilite">Accessibilité : non conforme</a></li>
                    <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${portalUrl}/mentions-legales">Mentions légales</a></li>
                    <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${portalUrl}/donnees-personnelles">Données personnelles</a></li>
                </ul>
            </div>
        </#if>
    </div>
</footer>
<script type="module" src="${url.resourcesPath}/dsfr/dsfr.module.min.js"></script>
<script nomodule src="${url.resourcesPath}/dsfr/dsfr.nomodule.min.js"></script>
</body>
</html>
</#macro>
